/** Nearest-rank percentile (p in 0..100) of an unsorted list; NaN for an empty list. */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Rounds to a fixed number of decimals so the JSON output stays readable. */
export const round = (x, decimals = 2) => (Number.isFinite(x) ? Number(x.toFixed(decimals)) : x);

/**
 * Adds one fan-out round to a target's tally: `times` holds each receiver's arrival time (NaN: never arrived),
 * `t0` when the action was sent. Keeps every latency, the slowest of the round, and delivered / expected counts.
 */
export function tallyRound(target, times, t0, received) {
  target.expected += times.length;
  target.delivered += received;
  let max = 0;
  for (const t of times) {
    if (Number.isNaN(t)) continue;
    target.latencies.push(t - t0);
    max = Math.max(max, t - t0);
  }
  target.roundMax.push(Math.round(max));
}
