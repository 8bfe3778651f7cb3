/**
 * Benchmarks (test/bench) fork the API with PHONGHOP_BENCH_PROBE=1 and --expose-gc, then ask it over the
 * IPC channel for its memory after a full GC. Inert in every other start: no IPC channel, no listener.
 */
export function installBenchProbe(): void {
  if (process.env['PHONGHOP_BENCH_PROBE'] !== '1' || !process.send) return;
  process.on('message', (msg: { type?: string }) => {
    if (msg?.type !== 'measure') return;
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    const m = process.memoryUsage();
    process.send?.({ type: 'measured', rss: m.rss, heapUsed: m.heapUsed, gc: !!gc });
  });
  process.send({ type: 'ready' });
}
