/**
 * Exact decimal amounts for votes. Votes can be weighted ("0.5", "2.25"), and floating point must never decide a
 * vote: in binary 0.1 + 0.2 is not 0.3, which is enough to turn "exactly half" into "more than half". Amounts travel
 * as decimal strings and are computed as bigint counts of millionths (a fixed scale of 6 places), where sums and
 * comparisons are exact.
 */

/** Places after the decimal point an amount may have. A weight with more places is refused, never rounded. */
export const DECIMAL_PLACES = 6;
const UNIT = 10n ** BigInt(DECIMAL_PLACES);

/**
 * Digits, optionally a point and 1–6 more digits: no sign (amounts in a vote are never negative), no exponent, no
 * spaces. At most 15 digits before the point: no council weighs that much, and the cap keeps hostile input small.
 */
const DECIMAL = /^(\d{1,15})(?:\.(\d{1,6}))?$/;

/** The amount in millionths ("2.25" → 2250000n), or null when the text is not a decimal as above. */
export function parseDecimal(text: string): bigint | null {
  const m = DECIMAL.exec(text);
  if (!m) return null;
  const [, whole, fraction = ''] = m;
  return BigInt(whole) * UNIT + BigInt(fraction.padEnd(DECIMAL_PLACES, '0'));
}

/** The canonical text of an amount in millionths: no trailing zeros, no trailing point ("2.25", "1", "0"). */
export function formatDecimal(units: bigint): string {
  const sign = units < 0n ? '-' : '';
  const abs = units < 0n ? -units : units;
  const fraction = (abs % UNIT).toString().padStart(DECIMAL_PLACES, '0').replace(/0+$/, '');
  return `${sign}${abs / UNIT}${fraction ? `.${fraction}` : ''}`;
}

/** How many places the canonical text of an amount has (0 for whole numbers). */
export function decimalPlaces(units: bigint): number {
  const text = formatDecimal(units);
  const point = text.indexOf('.');
  return point < 0 ? 0 : text.length - point - 1;
}

/** One step of the finest of `places` places, in millionths: 1 place → 100000n (0.1), 0 places → 1000000n (1). */
export function decimalStep(places: number): bigint {
  return 10n ** BigInt(DECIMAL_PLACES - Math.min(Math.max(places, 0), DECIMAL_PLACES));
}
