/**
 * Realtime fan-out benchmark: phonghop's socket.io gateway against a bare socket.io server.
 *
 *   node test/bench/realtime.bench.mjs [--clients=1000,2000] [--rounds=30] [--batch=50] [--processes=1|2]
 *
 * --processes=2 (issue 14): on PostgreSQL (and Redis, both started here from Debian's packages), phonghop as two API
 * processes sharing Redis, with the clients split between them, against phonghop as one process on PostgreSQL and
 * against two bare socket.io servers with the same Redis adapter, in the same run: two_process_p99_ratio_vs_one
 * (target ≤ 1.3) and the p99 and RSS ratios against the bare pair.
 *
 * For each N and each server (forked child, fresh data dir): RSS (and V8 heap) per connected+joined client,
 * read after forced memory-reducing GCs (lib/memory-reducing-gc.cjs), and the latency from "chair emits a
 * notice" to "each of the N clients receives the room:delta".
 * Both servers are driven by this same client harness in this one process, so client-side costs (decoding
 * N frames on one event loop) weigh equally on both. stdout: one JSON line per figure; progress: stderr.
 * Exit code is non-zero on errors, timeouts and lost deliveries; a missed ratio target is only reported.
 *
 * BENCH_CHILD_EXEC_ARGV="--cpu-prof --cpu-prof-dir=/tmp/prof" passes extra Node flags to the servers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { io } from 'socket.io-client';
import { startChildServer } from './lib/child-server.mjs';
import { startPostgres } from './lib/postgres.mjs';
import { startRedis } from './lib/redis.mjs';
import { percentile, round, tallyRound } from './lib/stats.mjs';
import { freePort, log, parseFlags, sleep, withTimeout } from './lib/util.mjs';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const flags = parseFlags(process.argv.slice(2), { clients: [1000, 2000], rounds: 30, batch: 50, processes: 1 });
if (![1, 2].includes(flags.processes)) throw new Error(`--processes: 1 or 2, not ${flags.processes}`);
const TWO_PROCESS_TARGET_RATIO = 1.3;
const WARMUP_ROUNDS = 3;
const ROUND_SPACING_MS = 200;
const ROUND_TIMEOUT_MS = 10_000;
const TARGET_RATIO = 1.2;
const REALTIME_PATH = '/api/realtime';
const CHAIR = { username: 'chutoa', password: 'PhongHop@2026' };
const childExecArgv = process.env.BENCH_CHILD_EXEC_ARGV?.split(' ').filter(Boolean) ?? [];

// The harness collects its own garbage between rounds, so that a client-side GC pause does not land in
// some round's latencies at random (documented idiom: expose gc at runtime, fetch it from a fresh context).
setFlagsFromString('--expose-gc');
const clientGc = runInNewContext('gc');

const emit = (fields) => process.stdout.write(`${JSON.stringify({ bench: 'realtime', ...fields })}\n`);

/**
 * How the harness talks to each server. Only the event names, the handshake cookie and the way to
 * obtain a meeting id differ; the broadcast both servers send is byte-for-byte the same shape.
 */
const servers = {
  phonghop: {
    // BENCH_API_SCRIPT: another build (with NODE_PATH=node_modules when it lives elsewhere), one that rebuilds leave alone.
    script: process.env.BENCH_API_SCRIPT ?? join(repoRoot, 'dist/apps/api/main.js'),
    env: { LOG_LEVEL: 'warn', PHONGHOP_BENCH_PROBE: '1', LOGIN_RATE_PER_MINUTE: '100000' },
    joinEvent: 'room:join',
    noticeEvent: 'room:notice',
    /** Signs in as the seeded chair; all bench sockets share that session (presence counts one person). */
    async prepare(baseUrl) {
      const res = await fetch(`${baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(CHAIR),
      });
      if (!res.ok) throw new Error(`login failed: HTTP ${res.status} ${await res.text()}`);
      const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('phonghop_session='));
      if (!cookie) throw new Error('login answered without a phonghop_session cookie');
      const mine = await fetch(`${baseUrl}/api/meetings/mine`, { headers: { cookie } });
      if (!mine.ok) throw new Error(`GET /api/meetings/mine failed: HTTP ${mine.status}`);
      const body = await mine.json();
      const list = Array.isArray(body) ? body : (body.items ?? body.data ?? []);
      if (!list[0]?.id) throw new Error(`the chair has no meeting: ${JSON.stringify(body).slice(0, 200)}`);
      return { cookie, meetingId: list[0].id };
    },
  },
  bare: {
    script: join(repoRoot, 'test/bench/bare-realtime-server.mjs'),
    env: {},
    joinEvent: 'join',
    noticeEvent: 'notice',
    // A UUID like phonghop's so that the broadcast has the same size.
    prepare: async () => ({ cookie: undefined, meetingId: '00000000-0000-4000-8000-000000000000' }),
  },
};

/** One client connection; `onDelta` sees every room:delta with its receive time taken first thing. */
function connectClient(baseUrl, cookie, onDelta) {
  const socket = io(baseUrl, {
    path: REALTIME_PATH,
    transports: ['websocket'],
    // forceNew: otherwise socket.io-client multiplexes every io() on one connection to the same URL.
    forceNew: true,
    reconnection: false,
    timeout: 20_000,
    ...(cookie ? { extraHeaders: { cookie } } : {}),
  });
  socket.on('room:delta', (msg) => onDelta(performance.now(), msg));
  return socket;
}

function connected(socket) {
  return new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
}

/** Connects and joins `count` clients `batch` at a time (a burst of thousands of handshakes is not what we measure). */
async function connectAll(server, baseUrls, ctx, count, onDelta) {
  const sockets = [];
  for (let start = 0; start < count; start += flags.batch) {
    const batch = [];
    for (let i = start; i < Math.min(count, start + flags.batch); i++) {
      // Spread over the target's processes; client 0 (who sends the notices) is on the first.
      const socket = connectClient(baseUrls[i % baseUrls.length], ctx.cookie, (t, msg) => onDelta(i, t, msg));
      sockets.push(socket);
      batch.push(
        connected(socket).then(async () => {
          const ack = await socket.timeout(20_000).emitWithAck(server.joinEvent, { meetingId: ctx.meetingId });
          if (!ack?.ok) throw new Error(`join refused: ${JSON.stringify(ack)}`);
        }),
      );
    }
    await withTimeout(Promise.all(batch), 60_000, `clients ${start}..${start + batch.length - 1} to connect and join`);
  }
  return sockets;
}

function disconnectAll(sockets) {
  for (const s of sockets) s.disconnect();
}

/**
 * One server under test at one N: forked (one process, or several sharing Redis), signed in, warmed up, with its
 * own client set and round state. `close()` always disconnects the clients, stops the children and removes the
 * data dir. `spec`: { label, server (a key of `servers`), processes, env }.
 */
async function startTarget(spec, n) {
  const server = servers[spec.server];
  const dataDir = mkdtempSync(join(tmpdir(), `phonghop-bench-${spec.server}-`));
  log(`${spec.label} N=${n}: starting ${spec.processes} × ${server.script}`);
  const target = { name: spec.label, server, baseUrls: [], children: [], sockets: [], round: null, latencies: [], roundMax: [], delivered: 0, expected: 0 };
  target.close = async () => {
    disconnectAll(target.sockets);
    await sleep(200);
    for (const child of target.children) await child.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    // One after the other: the first seeds the shared database, the others find it seeded.
    for (let p = 0; p < spec.processes; p++) {
      const port = await freePort();
      target.children.push(
        await startChildServer(server.script, { ...server.env, ...spec.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' }, { execArgv: childExecArgv }),
      );
      target.baseUrls.push(`http://127.0.0.1:${port}`);
    }
    target.ctx = await server.prepare(target.baseUrls[0]);
    // Warm the server's code paths (handshake, auth, join, leave) so the baseline RSS already includes
    // lazily compiled code and caches, and the difference is per-connection state only.
    disconnectAll(await connectAll(server, target.baseUrls, target.ctx, Math.min(flags.batch, n), () => undefined));
    await sleep(500);
    return target;
  } catch (err) {
    await target.close();
    throw err;
  }
}

/** RSS and heap summed over the target's processes. */
async function measureTarget(target) {
  const all = await Promise.all(target.children.map((c) => c.measure()));
  return { rss: all.reduce((sum, m) => sum + m.rss, 0), heapUsed: all.reduce((sum, m) => sum + m.heapUsed, 0) };
}

/** Connects and joins the N clients; returns RSS and heap growth per client, after forced GC. */
async function connectMeasured(target, n) {
  // The round in flight; clients write their receive time for it, everything else is ignored.
  const onDelta = (index, t, msg) => {
    const round = target.round;
    if (!round || msg.delta?.slice !== 'notice' || msg.delta.change?.notice !== round.notice) return;
    if (!Number.isNaN(round.times[index])) return;
    round.times[index] = t;
    if (++round.received === n) round.done();
  };
  const before = await measureTarget(target);
  log(`${target.name} N=${n}: baseline rss ${(before.rss / 2 ** 20).toFixed(1)} MiB; connecting ${n} clients`);
  const connectStart = performance.now();
  target.sockets = await connectAll(target.server, target.baseUrls, target.ctx, n, onDelta);
  log(`${target.name} N=${n}: connected and joined in ${((performance.now() - connectStart) / 1000).toFixed(1)} s`);
  await sleep(1000); // let the last acks and presence deltas settle before measuring
  const after = await measureTarget(target);
  const mem = { rss_per_client_kb: (after.rss - before.rss) / n / 1024, heap_per_client_kb: (after.heapUsed - before.heapUsed) / n / 1024 };
  log(`${target.name} N=${n}: rss ${(after.rss / 2 ** 20).toFixed(1)} MiB → ${mem.rss_per_client_kb.toFixed(1)} KB/client (heap ${mem.heap_per_client_kb.toFixed(1)} KB/client)`);
  return mem;
}

/**
 * One fan-out round: client 0 (the chair) emits a notice; every client, the sender included, records when
 * the room:delta carrying it arrives. Lost deliveries are counted, not thrown: the run reports
 * delivered_ratio and then exits non-zero.
 */
async function fanOutRound(target, n, r, counted) {
  clientGc();
  const notice = `Phiên họp tạm nghỉ 10 phút, vòng đo ${String(r).padStart(4, '0')}`;
  let done;
  const allIn = new Promise((resolve) => (done = resolve));
  target.round = { notice, times: new Float64Array(n).fill(NaN), received: 0, done };
  const t0 = performance.now();
  const ack = target.sockets[0]
    .timeout(ROUND_TIMEOUT_MS)
    .emitWithAck(target.server.noticeEvent, { meetingId: target.ctx.meetingId, notice });
  await Promise.race([allIn, sleep(ROUND_TIMEOUT_MS)]);
  const reply = await ack;
  if (!reply?.ok) throw new Error(`${target.name}: notice refused: ${JSON.stringify(reply)}`);
  const finished = target.round;
  target.round = null;
  if (counted) tallyRound(target, finished.times, t0, finished.received);
}

/**
 * The targets at one N. Memory is measured one target at a time; then all keep their N clients and the fan-out
 * rounds rotate between them (A B C, B C A, …), so a change in load from other processes on the machine hits all
 * alike instead of whichever happened to run last. An idle server with open connections costs no CPU, so they do
 * not disturb each other.
 */
async function runTargets(specs, n) {
  const targets = [];
  try {
    for (const spec of specs) targets.push(await startTarget(spec, n));
    const results = {};
    for (const target of targets) results[target.name] = await connectMeasured(target, n);
    for (let r = 0; r < WARMUP_ROUNDS + flags.rounds; r++) {
      const order = targets.map((_, i) => targets[(i + r) % targets.length]);
      for (const target of order) {
        const t0 = performance.now();
        await fanOutRound(target, n, r, r >= WARMUP_ROUNDS);
        await sleep(Math.max(0, ROUND_SPACING_MS - (performance.now() - t0)));
      }
    }
    for (const t of targets) {
      Object.assign(results[t.name], {
        fanout_p50_ms: percentile(t.latencies, 50),
        fanout_p99_ms: percentile(t.latencies, 99),
        delivered_ratio: t.delivered / t.expected,
      });
      const res = results[t.name];
      log(`${t.name} N=${n}: p50 ${res.fanout_p50_ms.toFixed(1)} ms, p99 ${res.fanout_p99_ms.toFixed(1)} ms, delivered ${t.delivered}/${t.expected}; slowest client per round (ms): ${t.roundMax.join(' ')}`);
    }
    return results;
  } finally {
    for (const t of targets) await t.close();
  }
}

const FIGURES = ['fanout_p50_ms', 'fanout_p99_ms', 'rss_per_client_kb', 'heap_per_client_kb', 'delivered_ratio'];

/** One process each, embedded SQLite: phonghop against bare socket.io (the figures kept since the foundation). */
async function runOneProcess(n) {
  const results = await runTargets(
    [
      { label: 'phonghop', server: 'phonghop', processes: 1, env: {} },
      { label: 'bare', server: 'bare', processes: 1, env: {} },
    ],
    n,
  );
  for (const name of ['phonghop', 'bare']) {
    for (const metric of FIGURES) emit({ metric, value: round(results[name][metric], metric === 'delivered_ratio' ? 4 : 2), clients: n, server: name });
  }
  const ratio = (metric) => results.phonghop[metric] / results.bare[metric];
  for (const [metric, source] of [
    ['p99_ratio_vs_bare', 'fanout_p99_ms'],
    ['rss_ratio_vs_bare', 'rss_per_client_kb'],
  ]) {
    const value = ratio(source);
    emit({ metric, value: round(value, 3), clients: n, target: TARGET_RATIO, pass: value <= TARGET_RATIO });
  }
  return Object.values(results).every((r) => r.delivered_ratio === 1);
}

/** Two processes behind one Redis against one process, on PostgreSQL, and against two bare servers with the adapter. */
async function runTwoProcesses(n, postgres, redis) {
  const specs = [
    { label: 'phonghop-1', server: 'phonghop', processes: 1, env: { DATABASE_URL: await postgres.database('phonghop_rt1') } },
    { label: 'phonghop-2', server: 'phonghop', processes: 2, env: { DATABASE_URL: await postgres.database('phonghop_rt2'), REDIS_URL: redis.url } },
    { label: 'bare-2', server: 'bare', processes: 2, env: { REDIS_URL: redis.url } },
  ];
  const results = await runTargets(specs, n);
  for (const spec of specs) {
    for (const metric of FIGURES) {
      emit({ metric, value: round(results[spec.label][metric], metric === 'delivered_ratio' ? 4 : 2), clients: n, server: spec.server, processes: spec.processes, db: spec.server === 'phonghop' ? 'postgres' : undefined });
    }
  }
  const twoVsOne = results['phonghop-2'].fanout_p99_ms / results['phonghop-1'].fanout_p99_ms;
  emit({ metric: 'two_process_p99_ratio_vs_one', value: round(twoVsOne, 3), clients: n, target: TWO_PROCESS_TARGET_RATIO, pass: twoVsOne <= TWO_PROCESS_TARGET_RATIO });
  emit({ metric: 'two_process_p99_ratio_vs_bare', value: round(results['phonghop-2'].fanout_p99_ms / results['bare-2'].fanout_p99_ms, 3), clients: n });
  emit({ metric: 'two_process_rss_ratio_vs_bare', value: round(results['phonghop-2'].rss_per_client_kb / results['bare-2'].rss_per_client_kb, 3), clients: n });
  return Object.values(results).every((r) => r.delivered_ratio === 1);
}

async function main() {
  // Everything is bounded anyway; this is the backstop if something hangs in a way we did not foresee.
  const budgetMs = flags.clients.reduce((sum, n) => sum + 2 * (120_000 + n * 60), 0);
  const watchdog = setTimeout(() => {
    log(`gave up after ${budgetMs / 1000} s`);
    process.exit(2);
  }, budgetMs);
  watchdog.unref();

  let lostDeliveries = false;
  const services = flags.processes === 2 ? { postgres: await startPostgres(), redis: await startRedis() } : null;
  try {
    for (const n of flags.clients) {
      const delivered = services ? await runTwoProcesses(n, services.postgres, services.redis) : await runOneProcess(n);
      if (!delivered) lostDeliveries = true;
    }
  } finally {
    await services?.redis.stop();
    await services?.postgres.stop();
  }
  if (lostDeliveries) {
    log('FAILED: some clients did not receive every round (see delivered_ratio)');
    process.exitCode = 1;
  }
}

main().catch((err) => {
  log(`FAILED: ${err?.stack ?? err}`);
  process.exit(1);
});
