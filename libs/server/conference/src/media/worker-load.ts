/**
 * Placing media on workers by load. A mediasoup worker is one process on one core; past ≈ 85 % of that core
 * its packet delivery collapses for everyone on it, so new transports and consumers go where there is headroom.
 * CPU is sampled every second; media placed since the last sample counts with an estimated cost, so a burst of
 * joins does not all land on the worker that looked idlest a moment ago.
 */
export interface WorkerLoad {
  index: number;
  /** Share of one core used in the last sample period (0..1+). */
  cpu: number;
  /** Estimated share of one core of what was placed since that sample. */
  pending: number;
  /** Not available (restarting). */
  down?: boolean;
}

/** ≈ 25 % of one core per 100 forwarded streams measured on loopback (docs/benchmarks.md): 0.25 % each. */
export const ESTIMATED_COST_PER_CONSUMER = 0.0025;
export const ESTIMATED_COST_PER_TRANSPORT = 0.001;
/** Above this a worker is saturated; below it one has headroom. */
export const SATURATION = 0.85;

/** CPU share of one core between two resource-usage samples (user + system milliseconds). */
export function cpuShare(prevCpuMs: number, nextCpuMs: number, elapsedMs: number): number {
  if (elapsedMs <= 0) return 0;
  return Math.max(0, nextCpuMs - prevCpuMs) / elapsedMs;
}

export const estimatedLoad = (w: WorkerLoad): number => w.cpu + w.pending;

/**
 * The worker for new media: `preferred` (where the conference already is, so nothing needs piping) while it
 * has headroom, otherwise the least loaded one that is up. Ties go to the lower index.
 */
export function pickWorker(loads: readonly WorkerLoad[], preferred?: number): number {
  const up = loads.filter((w) => !w.down);
  if (!up.length) throw new Error('no media worker is running');
  const pref = preferred === undefined ? undefined : up.find((w) => w.index === preferred);
  if (pref && estimatedLoad(pref) < SATURATION) {
    // Stay unless another worker is far idler: spreading early keeps each worker's share of a big conference small.
    const idlest = up.reduce((a, b) => (estimatedLoad(b) < estimatedLoad(a) ? b : a));
    if (estimatedLoad(pref) - estimatedLoad(idlest) < 0.25) return pref.index;
  }
  return up.reduce((a, b) => (estimatedLoad(b) < estimatedLoad(a) ? b : a)).index;
}
