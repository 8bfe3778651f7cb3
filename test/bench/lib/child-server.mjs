import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { withTimeout } from './util.mjs';

const reducingGcPreload = fileURLToPath(new URL('./memory-reducing-gc.cjs', import.meta.url));

/**
 * A server under test, forked with --expose-gc and an IPC channel. It speaks the bench-probe protocol
 * (apps/api/src/app/bench-probe.ts): sends {type:'ready'} once listening, and answers {type:'measure'}
 * with {type:'measured', rss, heapUsed, gc} after forced full GCs. Its stdout/stderr go to our stderr.
 * Unless memoryReducingGc is false, those GCs also shrink the young generation (see memory-reducing-gc.cjs).
 */
export async function startChildServer(script, env, { execArgv = [], memoryReducingGc = true, readyTimeoutMs = 60_000 } = {}) {
  const child = fork(script, [], {
    execArgv: ['--expose-gc', ...(memoryReducingGc ? ['--require', reducingGcPreload] : []), ...execArgv],
    // Every benchmark client connects from 127.0.0.1, far past the realtime limits per address and per socket that
    // protect a real server (docs/operations.md): off here, so the benchmarks measure the same work as before.
    env: { REALTIME_CONNECTIONS_PER_ADDRESS: '1000000', REALTIME_EVENTS_PER_SECOND: '100000', REALTIME_EVENT_BURST: '100000', ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout.pipe(process.stderr);
  child.stderr.pipe(process.stderr);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const waitFor = (type, what, ms) =>
    withTimeout(
      new Promise((resolve, reject) => {
        const onMessage = (msg) => {
          if (msg?.type !== type) return;
          child.off('message', onMessage);
          resolve(msg);
        };
        child.on('message', onMessage);
        exited.then(({ code, signal }) => reject(new Error(`${script} exited (${code ?? signal}) while waiting for ${what}`)));
      }),
      ms,
      what,
    );

  await waitFor('ready', `${script} to become ready`, readyTimeoutMs);

  return {
    pid: child.pid,
    /** The ChildProcess, for diagnostics beyond the probe protocol. */
    raw: child,
    /** Memory after forced GC; refuses to report numbers taken without GC, they would be meaningless. */
    async measure() {
      const reply = waitFor('measured', 'memory measurement', 30_000);
      child.send({ type: 'measure' });
      const m = await reply;
      if (!m.gc) throw new Error(`${script} has no global gc(); was it started with --expose-gc?`);
      return { rss: m.rss, heapUsed: m.heapUsed };
    },
    /** SIGTERM, then SIGKILL if it has not exited within `killAfterMs` (a profiled server needs longer to write its profile). */
    async stop(killAfterMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
