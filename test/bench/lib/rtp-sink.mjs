import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { withTimeout } from './util.mjs';

const childScript = fileURLToPath(new URL('./rtp-sink-child.mjs', import.meta.url));

/**
 * Forks the RTP sink (rtp-sink-child.mjs) and returns its ports and pid, and `window(name)` to count what
 * arrives per SSRC from now until `read()`. `summary(reading)` turns a reading into delivery figures.
 */
export async function startRtpSink({ sockets = 16, payloadType = 101 } = {}) {
  const child = fork(childScript, [], {
    env: { ...process.env, SINK_SOCKETS: String(sockets), SINK_PAYLOAD_TYPE: String(payloadType) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 1;
  const ask = (msg, replyType) =>
    withTimeout(
      new Promise((resolve) => {
        const id = nextId++;
        const onMessage = (m) => {
          if (m?.type !== replyType || m.id !== id) return;
          child.off('message', onMessage);
          resolve(m);
        };
        child.on('message', onMessage);
        child.send({ ...msg, id });
      }),
      30_000,
      `rtp sink: ${msg.type}`,
    );
  const ready = await withTimeout(
    new Promise((resolve, reject) => {
      child.once('message', resolve);
      child.once('exit', (code) => reject(new Error(`rtp sink exited (${code})`)));
    }),
    10_000,
    'rtp sink to start',
  );
  return {
    pid: child.pid,
    ports: ready.ports,
    async window(name) {
      await ask({ type: 'start', name }, 'started');
      return { read: () => ask({ type: 'read', name }, 'read') };
    },
    forget: () => ask({ type: 'forget' }, 'forgotten'),
    stop() {
      child.kill('SIGTERM');
    },
  };
}

/**
 * Delivery in one window: per consumer SSRC, packets received / packets sent (sequence span). `expected` is
 * how many consumers should be there; a missing or silent one (no packet in the last second, or under 99 %
 * of the median count) is counted as such.
 */
export function deliverySummary(reading, expected) {
  const rows = reading.ssrcs;
  const ratios = rows.map(([, count, span]) => Math.min(1, count / span));
  const counts = rows.map(([, count]) => count).sort((a, b) => a - b);
  const median = counts.length ? counts[Math.floor(counts.length / 2)] : 0;
  const silent = rows.filter(([, count, , ago]) => ago > 1000 || count < 0.99 * median).length;
  const received = counts.reduce((a, b) => a + b, 0);
  const sent = rows.reduce((a, [, , span]) => a + span, 0);
  return {
    consumersSeen: rows.length,
    consumersMissing: Math.max(0, expected - rows.length),
    consumersSilent: silent,
    deliveredMin: ratios.length ? Math.min(...ratios) : 0,
    deliveredTotal: sent ? received / sent : 0,
    medianPackets: median,
    other: reading.other,
  };
}
