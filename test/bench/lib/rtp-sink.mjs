import { fork, spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { withTimeout } from './util.mjs';

const nodeSink = fileURLToPath(new URL('./rtp-sink-child.mjs', import.meta.url));
const pythonSink = fileURLToPath(new URL('./rtp-sink.py', import.meta.url));

/** Python 3 if there is one (Debian has it): it receives a packet for a fraction of Node's CPU. */
export function pythonAvailable() {
  return spawnSync('python3', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * Starts the RTP sink (rtp-sink.py, or rtp-sink-child.mjs with impl 'node') and returns its ports and pid, and
 * `window(name)` to count what arrives per SSRC from now until `read()`. Both speak the same JSON messages.
 */
export async function startRtpSink({ sockets = 16, payloadType = 101, impl = pythonAvailable() ? 'python' : 'node' } = {}) {
  const env = { ...process.env, SINK_SOCKETS: String(sockets), SINK_PAYLOAD_TYPE: String(payloadType) };
  const listeners = new Set();
  let child;
  let sendMessage;
  if (impl === 'python') {
    child = spawn('python3', [pythonSink], { env, stdio: ['pipe', 'pipe', 'inherit'] });
    createInterface({ input: child.stdout }).on('line', (line) => {
      const msg = JSON.parse(line);
      for (const l of listeners) l(msg);
    });
    sendMessage = (msg) => child.stdin.write(`${JSON.stringify(msg)}\n`);
  } else {
    child = fork(nodeSink, [], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.on('message', (msg) => {
      for (const l of listeners) l(msg);
    });
    sendMessage = (msg) => child.send(msg);
  }
  let nextId = 1;
  const ask = (msg, replyType) =>
    withTimeout(
      new Promise((resolve) => {
        const id = nextId++;
        const onMessage = (m) => {
          if (m?.type !== replyType || m.id !== id) return;
          listeners.delete(onMessage);
          resolve(m);
        };
        listeners.add(onMessage);
        sendMessage({ ...msg, id });
      }),
      30_000,
      `rtp sink: ${msg.type}`,
    );
  const ready = await withTimeout(
    new Promise((resolve, reject) => {
      const onReady = (m) => {
        if (m?.type !== 'ready') return;
        listeners.delete(onReady);
        resolve(m);
      };
      listeners.add(onReady);
      child.once('exit', (code) => reject(new Error(`rtp sink (${impl}) exited (${code})`)));
    }),
    10_000,
    'rtp sink to start',
  );
  return {
    impl,
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
