import fc from 'fast-check';
import { DECIMAL_PLACES, decimalPlaces, decimalStep, formatDecimal, parseDecimal } from './decimal';

// Fixed seeds: a failure is reproduced by rerunning; fast-check prints the shrunk counterexample.
const params = { seed: 20261207, numRuns: 500 };

describe('exact decimals', () => {
  it('parses and writes amounts in millionths', () => {
    expect(parseDecimal('2.25')).toBe(2_250_000n);
    expect(parseDecimal('0.000001')).toBe(1n);
    expect(parseDecimal('1.50')).toBe(1_500_000n);
    expect(parseDecimal('007')).toBe(7_000_000n);
    expect(formatDecimal(2_250_000n)).toBe('2.25');
    expect(formatDecimal(7_000_000n)).toBe('7');
    expect(formatDecimal(0n)).toBe('0');
    expect(formatDecimal(-500_000n)).toBe('-0.5');
    expect(DECIMAL_PLACES).toBe(6);
  });

  it('refuses anything but plain non-negative decimals with at most 6 places, never rounding', () => {
    for (const bad of ['', '.5', '5.', '-1', '+1', '1e3', ' 1', '1 ', '1,5', '0x10', '1.1234567', 'NaN', 'Infinity', '1'.repeat(16)]) {
      expect({ bad, parsed: parseDecimal(bad) }).toEqual({ bad, parsed: null });
    }
  });

  it('adds 0.1 and 0.2 to exactly 0.3, where floating point does not', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(formatDecimal((parseDecimal('0.1') ?? 0n) + (parseDecimal('0.2') ?? 0n))).toBe('0.3');
  });

  it('reads whole and fractional digits exactly as written', () => {
    const digits = fc.record({ whole: fc.bigInt({ min: 0n, max: 10n ** 15n - 1n }), places: fc.integer({ min: 1, max: 6 }), fraction: fc.integer({ min: 0, max: 999_999 }) });
    fc.assert(
      fc.property(digits, ({ whole, places, fraction }) => {
        const f = fraction % 10 ** places;
        const text = `${whole}.${String(f).padStart(places, '0')}`;
        expect(parseDecimal(text)).toBe(whole * 1_000_000n + BigInt(f) * 10n ** BigInt(6 - places));
      }),
      params,
    );
  });

  it('writes a canonical text that reads back to the same amount', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 21n - 1n }), (units) => {
        const text = formatDecimal(units);
        expect(text).toMatch(/^(0|[1-9]\d*)(\.\d*[1-9])?$/);
        expect(parseDecimal(text)).toBe(units);
        expect(units % decimalStep(decimalPlaces(units))).toBe(0n);
      }),
      params,
    );
  });

  it('has steps of 1, 0.1 … 0.000001', () => {
    expect([0, 1, 2, 6, 7].map((p) => formatDecimal(decimalStep(p)))).toEqual(['1', '0.1', '0.01', '0.000001', '0.000001']);
  });
});
