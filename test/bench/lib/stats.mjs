/** Nearest-rank percentile (p in 0..100) of an unsorted list; NaN for an empty list. */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Rounds to a fixed number of decimals so the JSON output stays readable. */
export const round = (x, decimals = 2) => (Number.isFinite(x) ? Number(x.toFixed(decimals)) : x);
