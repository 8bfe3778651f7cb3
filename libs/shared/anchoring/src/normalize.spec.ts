import fc from 'fast-check';
import { normalizeForMatch, toNormalizedRange, toOriginalRange } from './normalize';

const params = { seed: 20261208, numRuns: 300 };

describe('match form', () => {
  it('makes NFD and NFC Vietnamese, line breaks and runs of spaces alike', () => {
    const nfc = 'Ủy ban nhân dân tỉnh đề nghị Hội đồng nhân dân xem xét, quyết định.';
    const extracted = '  Ủy ban nhân dân\ntỉnh  đề nghị\u00a0Hội đồng nhân dân\r\n xem xét, quyết định.\f'.normalize('NFD');
    expect(extracted).not.toBe(nfc);
    expect(normalizeForMatch(extracted).text).toBe(nfc);
    expect(normalizeForMatch(nfc).text).toBe(nfc);
  });

  it('unifies quotes, dashes, ligatures, a misread đ and drops invisible characters', () => {
    expect(normalizeForMatch('“Kinh tế – xã hội” ‘năm’ 2026 − 2027').text).toBe('"Kinh tế - xã hội" \'năm\' 2026 - 2027');
    expect(normalizeForMatch('ﬁnancial đề\u00adxuất ðồng Ðà Nẵng\u200b').text).toBe('financial đềxuất đồng Đà Nẵng');
  });

  it('maps match-form ranges back to whole characters of the original', () => {
    const original = 'Dự toán\n  thu ngân sách'.normalize('NFD');
    const n = normalizeForMatch(original);
    const at = n.text.indexOf('thu ngân');
    const r = toOriginalRange(n, at, at + 'thu ngân'.length);
    expect(original.slice(r.start, r.end)).toBe('thu ngân'.normalize('NFD'));
    expect(toNormalizedRange(n, r.start, r.end)).toEqual({ start: at, end: at + 'thu ngân'.length });
    // a selection that begins on the line break lines up with the quote without it
    expect(toNormalizedRange(n, original.indexOf('\n'), r.end)).toEqual({ start: at, end: at + 'thu ngân'.length });
  });

  it('keeps its offset map monotone and inside the original, and agrees on NFC and NFD input', () => {
    const chars = fc.constantFrom('a', 'ư', 'ở', 'Đ', 'ế', ' ', '\n', '\t', '–', '”', '\u00ad', 'x', '.', '\u00a0', '😀');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 80 }).map((a) => a.join('')), (s) => {
        const n = normalizeForMatch(s);
        expect(n.starts.length).toBe(n.text.length);
        for (let i = 0; i < n.text.length; i++) {
          expect(n.starts[i]).toBeLessThan(n.ends[i] ?? 0);
          expect(n.ends[i]).toBeLessThanOrEqual(s.length);
          if (i > 0) {
            expect(n.starts[i]).toBeGreaterThanOrEqual(n.starts[i - 1] ?? 0);
            expect(n.ends[i]).toBeGreaterThanOrEqual(n.ends[i - 1] ?? 0);
          }
        }
        expect(normalizeForMatch(s.normalize('NFD')).text).toBe(n.text);
        expect(n.text).toBe(n.text.trim());
        expect(n.text).not.toMatch(/\s\s/);
      }),
      params,
    );
  });
});
