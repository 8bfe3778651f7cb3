/**
 * For profiling a server under test: V8 writes a `--cpu-prof` profile only when the process exits normally. The API
 * shuts down gracefully on SIGTERM (NestJS `enableShutdownHooks`) and then raises SIGTERM again on itself, so it dies
 * by the signal and the profile is lost. Preloaded beside `--cpu-prof`, this listener turns that second SIGTERM (or,
 * for a server that does not exit by itself, the first one after 5 s) into `process.exit(0)`:
 *
 *   BENCH_CHILD_EXEC_ARGV="--cpu-prof --cpu-prof-dir=/tmp/prof --require ./test/bench/lib/exit-normally-on-sigterm.cjs"
 */
let seen = 0;
process.on('SIGTERM', () => {
  if (++seen > 1) process.exit(0);
  setTimeout(() => process.exit(0), 5000).unref();
});
