/**
 * Online conference media benchmark: phonghop's SFU path against a bare mediasoup script, in the same run.
 *
 *   node test/bench/sfu.bench.mjs [--consumers=100,175,250] [--reps=2] [--window=15] [--windows=3] [--warmup=65]
 *                                 [--soak-minutes=10] [--soak-on=phonghop|bare|bare,phonghop] [--soak-calibrate=1] [--over=750]
 *                                 [--two-worker=300,450,600] [--joins=10]
 *
 * One VP8 stream of ≈ 1 Mbit/s (a file encoded once, sent by ffmpeg with -c copy, so ffmpeg itself costs next to
 * nothing) goes into a PlainTransport producer and out to N PlainTransport consumers, all to an RTP sink process
 * per server on this machine (lib/rtp-sink.py, or lib/rtp-sink-child.mjs) that counts every consumer's packets.
 *
 * - phonghop: dist/apps/api/main.js forked with PHONGHOP_BENCH_PROBE=1; the probe (apps/api/src/app/bench-probe.ts)
 *   opens the demo meeting's ConferenceRoom and uses its ingestPlain/consumePlain, so consumers are placed by the
 *   MediaWorkerPool exactly as in production. CONFERENCE_WORKERS=1 for the one-worker part, 2 for the two-worker part.
 * - bare: test/bench/bare-sfu-server.mjs, mediasoup alone with the same codecs and transports.
 *
 * CPU is the worker process's own (getResourceUsage: user + system time) over a steady window after a warm-up,
 * as % of one core. The warm-up is 65 s because each consumer's transport-cc sender keeps a 60 s history of sent
 * packets (libwebrtc's send-time history in the worker; nothing here sends transport-cc feedback): in the first
 * minute a new consumer's worker RSS grows by ≈ 1 MB and its CPU is ≈ 15 % higher than afterwards. Capacity is the
 * N at 85 % of one core from a straight-line fit over the measured N. phonghop and bare run side by side at every N
 * and are sampled in the same windows: on this VM the CPU time per packet drifts by ±25 % from minute to minute
 * (the sink's cost drifts with it), so only same-window ratios compare the two fairly.
 * Then a soak at 80 % of phonghop's one-worker capacity (worker RSS growth, delivery; its size checked against the
 * worker's measured CPU, see soak()), a probe beyond saturation,
 * the same conference over two workers (pipeToRouter), and a site's join-to-first-frame in Chromium (tapping join on
 * the open meeting page, and opening a direct link cold).
 *
 * stdout: one JSON line per figure ({"bench":"sfu","metric":…,"value":…}); progress: stderr. Missed targets are
 * reported, not fatal; errors (a server failing, no media at all) exit non-zero. --soak-minutes=0, --over=0,
 * --two-worker=0 or --joins=0 skip that part; --consumers=0 --capacity=N runs the later parts with an earlier run's
 * one-worker capacity.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { startChildServer } from './lib/child-server.mjs';
import { firstMeetingId, login } from './lib/phonghop-client.mjs';
import { cpuTimes, dropsOf, linearFit, machineCpu, rssBytes, runQueueWaitMs, udpDrops } from './lib/procfs.mjs';
import { deliverySummary, startRtpSink } from './lib/rtp-sink.mjs';
import { percentile, round } from './lib/stats.mjs';
import { freePort, log, sleep, withTimeout } from './lib/util.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const VP8_PT = 101;
const SATURATION = 0.85;
const TARGETS = { capacityRatio: 0.95, overheadRatio: 1.05, twoWorkerRatio: 1.8, delivered: 0.999, rssGrowthMbPerMin: 0.1, joinMs: 1000 };

/** `--name=value` flags: numbers, comma-separated lists for the list flags, names for --soak-on; 0 turns a part off. */
function parseArgs(argv) {
  const defaults = { consumers: [100, 175, 250], reps: 2, window: 15, warmup: 65, 'soak-minutes': 10, 'soak-warmup': 120, 'soak-calibrate': 1, windows: 3, over: 750, 'two-worker': [300, 450, 600], joins: 10, sockets: 16, 'quiet-pct': 50, 'quiet-wait': 10, capacity: 0, 'soak-on': ['phonghop'] };
  const out = { ...defaults };
  for (const arg of argv) {
    const m = /^--([a-z-]+)=(.*)$/.exec(arg);
    if (!m || !(m[1] in defaults)) throw new Error(`unknown argument ${arg}; known: ${Object.keys(defaults).map((k) => `--${k}=`).join(' ')}`);
    const parse = (s) => {
      const n = Number(s);
      if (!Number.isFinite(n) || n < 0) throw new Error(`--${m[1]} wants non-negative numbers, got ${s}`);
      return n;
    };
    if (m[1] === 'soak-on') {
      out[m[1]] = m[2].split(',');
      if (out[m[1]].some((name) => name !== 'bare' && name !== 'phonghop')) throw new Error(`--soak-on names bare and/or phonghop, got ${m[2]}`);
    } else out[m[1]] = Array.isArray(defaults[m[1]]) ? m[2].split(',').map(parse).filter((n) => n > 0) : parse(m[2]);
  }
  return out;
}
const flags = parseArgs(process.argv.slice(2));

const emit = (metric, value, extra = {}) => process.stdout.write(`${JSON.stringify({ bench: 'sfu', metric, value, ...extra })}\n`);
const load = () => loadavg().map((x) => round(x, 2));

// ---- prerequisites ------------------------------------------------------------------------------------------

function prerequisites() {
  const main = join(ROOT, 'dist/apps/api/main.js');
  if (!existsSync(main) || !existsSync(join(ROOT, 'dist/apps/web/browser/index.html'))) {
    throw new Error('build first: npx nx run-many -t build -p api web');
  }
  if (!process.env.MEDIASOUP_WORKER_BIN && !existsSync(join(ROOT, 'node_modules/mediasoup/worker/out/Release/mediasoup-worker'))) {
    log('mediasoup worker missing: running scripts/mediasoup-worker/build.sh');
    const r = spawnSync('bash', ['scripts/mediasoup-worker/build.sh'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
    if (r.status !== 0) throw new Error('scripts/mediasoup-worker/build.sh failed');
  }
  if (spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status !== 0) throw new Error('ffmpeg is missing (apt-get install ffmpeg)');
}

/**
 * The sent video, encoded once: 640×360 at 30 fps, VP8 at a constant 1 Mbit/s, a key frame every 2 s, with noise
 * so that the encoder really spends the bit rate. 20 s, looped by the sender.
 */
function vp8File() {
  const dir = join(tmpdir(), 'phonghop-bench-sfu');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'vp8-1mbit-640x360-30fps-g60.ivf');
  if (existsSync(file)) return file;
  log(`encoding ${file} (once)`);
  const r = spawnSync(
    'ffmpeg',
    [
      '-hide_banner', '-loglevel', 'error', '-nostdin', '-y',
      '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=30:duration=20,noise=alls=12:allf=t',
      '-an', '-c:v', 'libvpx', '-b:v', '1M', '-minrate', '1M', '-maxrate', '1M', '-bufsize', '500k',
      '-g', '60', '-keyint_min', '60', '-auto-alt-ref', '0', '-deadline', 'good', '-cpu-used', '4',
      `${file}.part.ivf`,
    ],
    { stdio: ['ignore', 2, 2] },
  );
  if (r.status !== 0) throw new Error('encoding the VP8 file failed');
  spawnSync('mv', [`${file}.part.ivf`, file]);
  return file;
}

/** ffmpeg sending the file in a loop, in real time, as RTP (RTCP on its own port), without re-encoding. */
function ffmpegSender(file, ingest, ssrc) {
  const child = spawn(
    'ffmpeg',
    [
      '-hide_banner', '-loglevel', 'error', '-nostdin', '-re', '-stream_loop', '-1', '-i', file,
      '-an', '-c', 'copy', '-payload_type', String(VP8_PT), '-ssrc', String(ssrc),
      '-f', 'rtp', `rtp://${ingest.ip}:${ingest.rtpPort}?rtcpport=${ingest.rtcpPort}&pkt_size=1200`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  child.stderr.on('data', (d) => process.stderr.write(`[ffmpeg] ${d}`));
  return child;
}

// ---- servers ------------------------------------------------------------------------------------------------

/** `ask(cmd, args)`: one request of the {type:'sfu'} IPC protocol (bench-probe.ts, bare-sfu-server.mjs). */
function sfuClient(child) {
  let next = 1;
  return (cmd, args = {}, ms = 300_000) =>
    withTimeout(
      new Promise((resolvePromise, reject) => {
        const id = next++;
        const onMessage = (m) => {
          if (m?.type !== 'sfu:reply' || m.id !== id) return;
          child.raw.off('message', onMessage);
          if (m.ok) resolvePromise(m.data);
          else reject(new Error(`${cmd}: ${m.error}`));
        };
        child.raw.on('message', onMessage);
        child.raw.send({ type: 'sfu', id, cmd, ...args });
      }),
      ms,
      `sfu ${cmd}`,
    );
}

const cleanups = [];

/** A server under test with its ingest fed by ffmpeg: `{name, ask, workers: [{index, pid}], pid}`. */
async function startTarget(name, { workers = 1, file, ssrc }) {
  // Each server sends to its own sink. BENCH_SFU_SINK=node forces the Node sink (default: Python's, if any).
  const sink = await startRtpSink({ sockets: flags.sockets, payloadType: VP8_PT, impl: process.env.BENCH_SFU_SINK || undefined });
  cleanups.push(() => sink.stop());
  const port = await freePort();
  let child;
  let meetingId;
  if (name === 'bare') {
    child = await startChildServer(join(ROOT, 'test/bench/bare-sfu-server.mjs'), {}, { memoryReducingGc: false });
  } else {
    const dataDir = mkdtempSync(join(tmpdir(), 'phonghop-bench-sfu-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    child = await startChildServer(
      join(ROOT, 'dist/apps/api/main.js'),
      {
        NODE_ENV: 'production',
        PHONGHOP_BENCH_PROBE: '1',
        LOG_LEVEL: 'warn',
        LOGIN_RATE_PER_MINUTE: '100000',
        DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        SEED_DEMO_DATA: 'true',
        CONFERENCE_WORKERS: String(workers),
        CONFERENCE_LISTEN_IP: '127.0.0.1',
      },
      { memoryReducingGc: false },
    );
    // The demo meeting: published, hybrid, chaired by chutoa (libs/server/demo-seed).
    meetingId = await firstMeetingId(`http://127.0.0.1:${port}`, await login(`http://127.0.0.1:${port}`, 'chutoa'));
  }
  const ask = sfuClient(child);
  if (name === 'phonghop') {
    const started = (await ask('usage')).workers.length;
    if (started !== workers) throw new Error(`phonghop started ${started} media workers with CONFERENCE_WORKERS=${workers}`);
  }
  const ingest = await ask('ingest', { meetingId, ssrc, payloadType: VP8_PT });
  const ffmpeg = ffmpegSender(file, ingest, ssrc);
  const usage = await ask('usage');
  const target = {
    name: workers > 1 ? `${name}-${workers}w` : name,
    server: name,
    pid: child.pid,
    baseUrl: `http://127.0.0.1:${port}`,
    meetingId,
    ask,
    ingest,
    ffmpeg,
    workers: usage.workers.map((w) => ({ index: w.index, pid: w.pid })),
    sink,
    consumers: [],
    async stop() {
      ffmpeg.kill('SIGTERM');
      await child.stop();
      sink.stop();
    },
  };
  cleanups.push(() => target.stop());
  log(`${target.name}: pid ${child.pid}, workers ${target.workers.map((w) => `#${w.index} pid ${w.pid}`).join(', ')}, ingest ${ingest.ip}:${ingest.rtpPort}, sink ${sink.impl} pid ${sink.pid}`);
  return target;
}

// ---- measuring ----------------------------------------------------------------------------------------------

/** Everything sampled at the edges of a window: worker CPU (getResourceUsage), RSS, other processes' CPU, drops. */
async function snapshot(target) {
  const usage = await target.ask('usage');
  return {
    at: performance.now(),
    workers: usage.workers.map((w) => ({
      index: w.index,
      pid: w.pid,
      user: w.usage.ru_utime,
      system: w.usage.ru_stime,
      rss: rssBytes(w.pid),
      // Time runnable but without a core: how much the shared machine held the worker back.
      wait: runQueueWaitMs(w.pid),
    })),
    machine: machineCpu(),
    node: cpuTimes(target.pid),
    sink: cpuTimes(target.sink.pid),
    ffmpeg: target.ffmpeg.exitCode === null ? cpuTimes(target.ffmpeg.pid) : { user: 0, system: 0 },
    drops: udpDrops(),
  };
}

const pct = (ms, elapsedMs) => (100 * ms) / elapsedMs;
const cpuOf = (x, y, elapsed) => pct(y.user + y.system - x.user - x.system, elapsed);

/** Worker CPU etc. between two snapshots of a target; per worker and summed. */
function between(a, b, target) {
  const elapsed = b.at - a.at;
  const workers = b.workers.map((w) => {
    const w0 = a.workers.find((x) => x.index === w.index);
    const user = w.user - w0.user;
    const system = w.system - w0.system;
    return {
      index: w.index,
      cpuPct: pct(user + system, elapsed),
      kernelShare: user + system ? system / (user + system) : 0,
      rssMb: w.rss / 2 ** 20,
      rssGrowthMbPerMin: ((w.rss - w0.rss) / 2 ** 20) * (60_000 / elapsed),
      waitPct: pct(w.wait - w0.wait, elapsed),
    };
  });
  return {
    elapsedMs: elapsed,
    workers,
    cpuPct: workers.reduce((s, w) => s + w.cpuPct, 0),
    nodeCpuPct: cpuOf(a.node, b.node, elapsed),
    sinkCpuPct: cpuOf(a.sink, b.sink, elapsed),
    ffmpegCpuPct: cpuOf(a.ffmpeg, b.ffmpeg, elapsed),
    machineBusyPct: pct(b.machine.busy - a.machine.busy, elapsed),
    sinkDrops: dropsOf(target.sink.ports, b.drops) - dropsOf(target.sink.ports, a.drops),
    ingestDrops: (b.drops.get(target.ingest.rtpPort) ?? 0) - (a.drops.get(target.ingest.rtpPort) ?? 0),
  };
}

/** Adds consumers until the target has `n`; returns how many are on each worker. */
async function growTo(target, n, { batch, pauseMs } = {}) {
  const add = n - target.consumers.length;
  if (add > 0) {
    const res = await target.ask('consumers', { count: add, ip: '127.0.0.1', ports: target.sink.ports, batch, pauseMs });
    target.consumers.push(...res.placed);
  }
  const perWorker = new Map();
  for (const c of target.consumers) perWorker.set(c.workerIndex, (perWorker.get(c.workerIndex) ?? 0) + 1);
  return perWorker;
}

async function closeConsumers(target) {
  await target.ask('close-consumers');
  target.consumers = [];
  await target.sink.forget();
}

/**
 * A steady measurement of one or more targets at the same time, each with N consumers (created now, unless
 * `keep`): warm-up, then `windows` consecutive windows of worker CPU (all targets sampled at the same moments, so
 * that whatever else slows the machine down weighs on all of them alike), and delivery over all of them.
 * Returns one result per target: CPU over the whole span and per window, RSS, delivery, the rest of the machine.
 */
async function measure(list, n, { windows = 1, windowS = flags.window, warmupS = flags.warmup, keep = false, grow = {} } = {}) {
  const prepared = [];
  for (const target of list) {
    const t0 = performance.now();
    const rssBefore = new Map(target.workers.map((w) => [w.index, rssBytes(w.pid)]));
    const perWorker = await growTo(target, n, grow);
    prepared.push({ rssBefore, perWorker, createdMs: performance.now() - t0 });
  }
  await sleep(warmupS * 1000);
  const sinkWindows = await Promise.all(list.map((t) => t.sink.window('measure')));
  const snaps = [await Promise.all(list.map(snapshot))];
  for (let k = 0; k < windows; k++) {
    await sleep(windowS * 1000);
    snaps.push(await Promise.all(list.map(snapshot)));
  }
  const readings = await Promise.all(sinkWindows.map((w) => w.read()));
  const results = list.map((target, i) => {
    const first = snaps[0][i];
    const last = snaps.at(-1)[i];
    const d = between(first, last, target);
    for (const w of d.workers) w.rssFillMb = (first.workers.find((x) => x.index === w.index).rss - prepared[i].rssBefore.get(w.index)) / 2 ** 20;
    const ours = list.reduce((s, t, j) => {
      const dj = between(snaps[0][j], snaps.at(-1)[j], t);
      return s + dj.cpuPct + dj.nodeCpuPct + dj.sinkCpuPct + dj.ffmpegCpuPct;
    }, 0);
    return {
      n,
      ...prepared[i],
      ...d,
      windowCpuPct: snaps.slice(1).map((snap, k) => between(snaps[k][i], snap[i], target).cpuPct),
      // Everything else running on the machine meanwhile, in % of one core.
      othersCpuPct: d.machineBusyPct - ours,
      delivery: deliverySummary(readings[i], n),
    };
  });
  if (!keep) for (const target of list) await closeConsumers(target);
  list.forEach((target, i) => {
    const r = results[i];
    log(
      `${target.name} N=${n} (created in ${(r.createdMs / 1000).toFixed(1)} s): worker CPU ${r.workers.map((w) => `#${w.index} ${w.cpuPct.toFixed(1)}% (${r.perWorker.get(w.index) ?? 0} consumers, kernel ${(w.kernelShare * 100).toFixed(0)}%, RSS ${w.rssMb.toFixed(1)} MB, +${w.rssFillMb.toFixed(1)} MB in warm-up, ${w.rssGrowthMbPerMin >= 0 ? '+' : ''}${w.rssGrowthMbPerMin.toFixed(2)} MB/min, waited ${w.waitPct.toFixed(1)}%)`).join(', ')}` +
        `${windows > 1 ? ` [windows ${r.windowCpuPct.map((x) => x.toFixed(1)).join(' ')}]` : ''}; ` +
        `delivered min ${(r.delivery.deliveredMin * 100).toFixed(3)}% total ${(r.delivery.deliveredTotal * 100).toFixed(3)}%, ${r.delivery.consumersSeen}/${n} seen, ${r.delivery.consumersSilent} silent; ` +
        `sink CPU ${r.sinkCpuPct.toFixed(1)}% drops ${r.sinkDrops}; ingest drops ${r.ingestDrops}; node ${r.nodeCpuPct.toFixed(1)}%; ffmpeg ${r.ffmpegCpuPct.toFixed(2)}%; others ${r.othersCpuPct.toFixed(0)}%; load ${load().join(' ')}`,
    );
  });
  return results;
}

/** The median (mean of the middle two for an even count). */
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function emitMeasurement(metric, target, r, extra = {}) {
  emit(metric, round(r.cpuPct, 2), {
    server: target.server,
    n: r.n,
    ...extra,
    ...(r.windowCpuPct.length > 1 ? { window_cpu_pct: r.windowCpuPct.map((x) => round(x, 2)) } : {}),
    workers: r.workers.map((w) => ({
      index: w.index,
      consumers: r.perWorker.get(w.index) ?? 0,
      cpu_pct: round(w.cpuPct, 2),
      kernel_share: round(w.kernelShare, 2),
      rss_mb: round(w.rssMb, 1),
      rss_fill_mb: round(w.rssFillMb, 1),
      rss_growth_mb_per_min: round(w.rssGrowthMbPerMin, 2),
      runqueue_wait_pct: round(w.waitPct, 1),
    })),
    delivered_min: round(r.delivery.deliveredMin, 5),
    delivered_total: round(r.delivery.deliveredTotal, 5),
    consumers_missing: r.delivery.consumersMissing,
    consumers_silent: r.delivery.consumersSilent,
    packets_per_consumer: r.delivery.medianPackets,
    window_s: round(r.elapsedMs / 1000, 1),
    sink_cpu_pct: round(r.sinkCpuPct, 1),
    sink_drops: r.sinkDrops,
    ingest_drops: r.ingestDrops,
    node_cpu_pct: round(r.nodeCpuPct, 1),
    ffmpeg_cpu_pct: round(r.ffmpegCpuPct, 2),
    others_cpu_pct: round(r.othersCpuPct, 0),
    load_avg: load(),
  });
}

/** The processes of ours whose CPU is not "others": servers, their workers, the sinks, the senders. */
const ourPids = (targets) => [process.pid, ...targets.flatMap((t) => [t.pid, t.sink.pid, t.ffmpeg.pid, ...t.workers.map((w) => w.pid)])];

/**
 * Waits (up to --quiet-wait minutes) until the other processes on this shared machine use less than --quiet-pct
 * of one core over 5 s, so that a measurement does not start while, say, a CI run takes both cores.
 */
async function waitQuiet(targets) {
  const pids = ourPids(targets);
  const deadline = performance.now() + flags['quiet-wait'] * 60_000;
  const ours = () =>
    pids.reduce((s, pid) => {
      try {
        const t = cpuTimes(pid);
        return s + t.user + t.system;
      } catch {
        return s;
      }
    }, 0);
  for (;;) {
    const m0 = machineCpu();
    const o0 = ours();
    const t0 = performance.now();
    await sleep(5000);
    const others = pct(machineCpu().busy - m0.busy - (ours() - o0), performance.now() - t0);
    if (others < flags['quiet-pct']) return others;
    if (performance.now() > deadline) {
      log(`machine still busy (others ${others.toFixed(0)}% of a core); measuring anyway`);
      return others;
    }
    log(`waiting for a quieter machine: other processes use ${others.toFixed(0)}% of a core (load ${load().join(' ')})`);
    await sleep(25_000);
  }
}

// ---- the parts ------------------------------------------------------------------------------------------------

/**
 * One worker each, phonghop and bare measured side by side at every N (same windows), the order of creating their
 * consumers alternating. The straight-line fit over N gives the cost per consumer and the capacity; the ratio of
 * the two workers' CPU in the same windows gives the overhead.
 */
async function oneWorker(targets) {
  const results = { phonghop: [], bare: [] };
  const ratios = new Map(flags.consumers.map((n) => [n, []]));
  for (let rep = 0; rep < flags.reps; rep++) {
    for (const [i, n] of flags.consumers.entries()) {
      const order = (rep + i) % 2 === 0 ? ['phonghop', 'bare'] : ['bare', 'phonghop'];
      await waitQuiet(Object.values(targets));
      const rs = await measure(order.map((name) => targets[name]), n, { windows: flags.windows });
      order.forEach((name, j) => {
        results[name].push(rs[j]);
        emitMeasurement('worker_cpu_pct', targets[name], rs[j], { part: 'one-worker', rep });
      });
      const [ph, bare] = ['phonghop', 'bare'].map((name) => rs[order.indexOf(name)]);
      ratios.get(n).push(ph.cpuPct / bare.cpuPct);
      await sleep(2000);
    }
  }
  const fits = {};
  for (const name of ['phonghop', 'bare']) {
    const fit = linearFit(results[name].map((r) => [r.n, r.cpuPct]));
    const capacity = (SATURATION * 100 - fit.intercept) / fit.slope;
    const deliveredMin = Math.min(...results[name].map((r) => r.delivery.deliveredMin));
    const allThere = results[name].every((r) => r.delivery.consumersMissing === 0 && r.delivery.consumersSilent === 0);
    if (!(fit.slope > 0 && capacity > 0 && capacity < 5000)) {
      throw new Error(`${name}: no usable capacity from the fit (slope ${fit.slope}, capacity ${capacity}); too short a window or too busy a machine?`);
    }
    fits[name] = { ...fit, capacity };
    emit('cpu_pct_per_100_consumers', round(fit.slope * 100, 2), { server: name, intercept_pct: round(fit.intercept, 2), ns: flags.consumers, reps: flags.reps });
    emit('consumers_at_85pct_core', Math.round(capacity), { server: name });
    emit('delivered_min', round(deliveredMin, 5), { server: name, ns: flags.consumers, all_consumers_receiving: allThere, target: TARGETS.delivered, pass: deliveredMin >= TARGETS.delivered && allThere });
  }
  const capacityRatio = fits.phonghop.capacity / fits.bare.capacity;
  emit('capacity_ratio_vs_bare', round(capacityRatio, 3), { target: TARGETS.capacityRatio, pass: capacityRatio >= TARGETS.capacityRatio });
  for (const n of flags.consumers) {
    const r = median(ratios.get(n));
    emit('overhead_ratio', round(r, 3), {
      n,
      stat: 'median over the reps of phonghop / bare worker CPU in the same windows',
      reps: ratios.get(n).map((x) => round(x, 3)),
      phonghop_cpu_pct: round(median(results.phonghop.filter((x) => x.n === n).map((x) => x.cpuPct)), 2),
      bare_cpu_pct: round(median(results.bare.filter((x) => x.n === n).map((x) => x.cpuPct)), 2),
      target: TARGETS.overheadRatio,
      pass: r <= TARGETS.overheadRatio,
    });
  }
  const sum = (name) => results[name].reduce((s, r) => s + r.cpuPct, 0);
  const all = sum('phonghop') / sum('bare');
  emit('overhead_ratio', round(all, 3), { n: 'all', stat: 'sum of phonghop / sum of bare worker CPU over all measurements', target: TARGETS.overheadRatio, pass: all <= TARGETS.overheadRatio });
  return fits;
}

/** A long run at 80 % of one worker's capacity: does the worker's RSS grow, does every consumer keep receiving? */
async function soak(target, n, minutes) {
  log(`soak: ${target.name} with ${n} consumers (from the capacity line) for ${minutes} min (after ${flags['soak-warmup']} s of warm-up)`);
  const sink = target.sink;
  const rssBefore = rssBytes(target.workers[0].pid);
  await growTo(target, n);
  await sleep(flags['soak-warmup'] * 1000); // the consumers' send-time histories fill in their first minute
  // 80 % of capacity is a load: 80 % of the 85 % of a core that defines capacity. The capacity is a straight line
  // through the sizes measured, and beyond them each consumer costs more (the worker's memory outgrows the caches,
  // the kernel's share grows): at 80 % of the line the worker needed about a full core here. So the size is checked
  // against the worker's measured CPU (30 s) and scaled once to the load wanted (--soak-calibrate=0: the line's size).
  const fitted = n;
  const wanted = 0.8 * SATURATION * 100;
  let calibrationCpu = null;
  if (flags['soak-calibrate']) {
    const a = await snapshot(target);
    await sleep(30_000);
    calibrationCpu = between(a, await snapshot(target), target).workers[0].cpuPct;
    if (Math.abs(calibrationCpu - wanted) > 0.05 * wanted) {
      n = Math.round((n * wanted) / calibrationCpu);
      log(`soak: ${fitted} consumers use ${calibrationCpu.toFixed(1)}% of a core, not ${wanted}%: ${n} consumers instead`);
      await closeConsumers(target);
      await growTo(target, n);
      await sleep(flags['soak-warmup'] * 1000);
    }
  }
  emit('soak_consumers', n, { server: target.server, fitted_consumers: fitted, fitted_consumers_cpu_pct: calibrationCpu === null ? null : round(calibrationCpu, 1), load_wanted_pct: wanted });
  const whole = await sink.window('soak');
  const first = await snapshot(target);
  const samples = [];
  const perMinute = [];
  const started = performance.now();
  let minute = await sink.window('minute');
  let minuteStart = started;
  let minuteSnap = first;
  while (performance.now() - started < minutes * 60_000) {
    await sleep(Math.min(10_000, Math.max(0, minutes * 60_000 - (performance.now() - started))));
    const w = target.workers[0];
    samples.push([(performance.now() - started) / 60_000, rssBytes(w.pid) / 2 ** 20]);
    if (performance.now() - minuteStart >= 60_000 || performance.now() - started >= minutes * 60_000) {
      const reading = await minute.read();
      minute = await sink.window('minute');
      minuteStart = performance.now();
      const snap = await snapshot(target);
      const dm = between(minuteSnap, snap, target);
      minuteSnap = snap;
      const s = deliverySummary(reading, n);
      perMinute.push(s);
      log(
        `soak minute ${perMinute.length}: RSS ${samples.at(-1)[1].toFixed(1)} MB, worker ${dm.cpuPct.toFixed(1)}% (waited ${dm.workers[0].waitPct.toFixed(1)}%), ` +
          `delivered min ${(s.deliveredMin * 100).toFixed(3)}%, ${s.consumersSeen}/${n} seen, ${s.consumersSilent} silent; ingest drops ${dm.ingestDrops}; machine busy ${dm.machineBusyPct.toFixed(0)}%; load ${load().join(' ')}`,
      );
    }
  }
  await minute.read();
  const last = await snapshot(target);
  const all = deliverySummary(await whole.read(), n);
  const d = between(first, last, target);
  await closeConsumers(target);
  const fit = linearFit(samples);
  const secondHalf = linearFit(samples.filter(([t]) => t >= minutes / 2));
  const w = d.workers[0];
  const ok = all.deliveredMin >= TARGETS.delivered && all.consumersMissing === 0 && all.consumersSilent === 0;
  const extra = { server: target.server, n, minutes: round(d.elapsedMs / 60_000, 2), load_avg: load() };
  emit('worker_rss_growth_mb_per_min', round(fit.slope, 3), {
    ...extra,
    part: 'soak',
    rss_before_consumers_mb: round(rssBefore / 2 ** 20, 1),
    rss_start_mb: round(samples[0]?.[1], 1),
    rss_end_mb: round(samples.at(-1)?.[1], 1),
    second_half_mb_per_min: round(secondHalf.slope, 3),
    warmup_s: flags['soak-warmup'],
    target: `|x| <= ${TARGETS.rssGrowthMbPerMin}`,
    pass: Math.abs(fit.slope) <= TARGETS.rssGrowthMbPerMin,
  });
  emit('soak_worker_cpu_pct', round(w.cpuPct, 2), {
    ...extra,
    kernel_share: round(w.kernelShare, 2),
    runqueue_wait_pct: round(w.waitPct, 1),
    sink_cpu_pct: round(d.sinkCpuPct, 1),
    sink_drops: d.sinkDrops,
    ingest_drops: d.ingestDrops,
    ffmpeg_cpu_pct: round(d.ffmpegCpuPct, 2),
    machine_busy_pct: round(d.machineBusyPct, 0),
  });
  emit('soak_delivered_min', round(all.deliveredMin, 5), {
    ...extra,
    delivered_total: round(all.deliveredTotal, 5),
    worst_minute_delivered_min: round(Math.min(...perMinute.map((s) => s.deliveredMin)), 5),
    minutes_all_above_target: perMinute.filter((s) => s.deliveredMin >= TARGETS.delivered).length,
    consumers_missing: all.consumersMissing,
    consumers_silent: all.consumersSilent,
    packets_per_consumer: all.medianPackets,
    target: TARGETS.delivered,
    pass: ok,
  });
}

/** The same conference over two workers: consumers added as sites join (batches, the pool sampling load between). */
async function twoWorkers(target, oneWorkerCapacity) {
  const points = new Map(); // worker index → [[consumers on it, cpu %]]
  for (const n of flags['two-worker']) {
    await waitQuiet([target]);
    const [r] = await measure([target], n, { keep: true, grow: { batch: 20, pauseMs: 1100 } });
    emitMeasurement('worker_cpu_pct', target, r, { part: 'two-worker' });
    for (const w of r.workers) {
      if (!points.has(w.index)) points.set(w.index, []);
      points.get(w.index).push([r.perWorker.get(w.index) ?? 0, w.cpuPct]);
    }
  }
  await closeConsumers(target);
  // Each worker's own line (its consumers → its CPU, pipe included); capacity: both filled to 85 % of a core.
  let capacity = 0;
  const perWorker = [];
  for (const [index, pts] of points) {
    if (new Set(pts.map(([n]) => n)).size < 2) {
      // The pool keeps a conference on its worker until that one is ≈ 25 % of a core busier than the other.
      throw new Error(`worker #${index} had consumers at fewer than two sizes (${JSON.stringify(pts)}): give --two-worker larger sizes`);
    }
    const fit = linearFit(pts);
    const cap = (SATURATION * 100 - fit.intercept) / fit.slope;
    perWorker.push({ index, cpu_pct_per_100_consumers: round(fit.slope * 100, 2), intercept_pct: round(fit.intercept, 2), consumers_at_85pct_core: Math.round(cap) });
    capacity += cap;
  }
  const ratio = capacity / oneWorkerCapacity;
  emit('two_worker_capacity_consumers', Math.round(capacity), { server: 'phonghop', workers: perWorker, ns: flags['two-worker'] });
  emit('two_worker_capacity_ratio', round(ratio, 3), { one_worker_capacity: Math.round(oneWorkerCapacity), target: TARGETS.twoWorkerRatio, pass: ratio >= TARGETS.twoWorkerRatio });
}

/**
 * A site joining a conference where the host sends video, two ways, `--joins` times each:
 * - join: the site operator, with phonghop open on the meeting's page, taps "Vào hội nghị trực tuyến" (the app is running,
 *   as on a site PC before a conference): from the tap to the first decoded frame of the host's camera. The target.
 * - cold open: a direct link to the conference page opened in a browser tab (navigation start → first frame): the
 *   app's whole start-up (bundles, session check, route) comes on top. Reported beside it.
 */
async function joinToFirstFrame(target) {
  const args = [
    '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--disable-quic', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required',
  ];
  const launch = () => chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args });
  const context = (browser) =>
    browser.newContext({ baseURL: target.baseUrl, viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, hasTouch: true, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const signIn = async (page, username) => {
    await page.goto('/');
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill('PhongHop@2026');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('home-title').waitFor();
  };
  const meetingUrl = `/meetings/${target.meetingId}`;
  const conferenceUrl = `${meetingUrl}/conference`;
  // One browser per participant, as in the halls.
  const hostBrowser = await launch();
  const siteBrowser = await launch();
  cleanups.push(() => hostBrowser.close(), () => siteBrowser.close());
  const host = await (await context(hostBrowser)).newPage();
  await signIn(host, 'chutoa');
  await host.goto(conferenceUrl);
  await host.locator('[data-testid="conference"][data-state="live"]').waitFor({ timeout: 30_000 });

  const siteContext = await context(siteBrowser);
  // In every document: note (performance.now(), i.e. since navigation start) the tap on the meeting page's join
  // button; then, on the conference page, poll its received-media statistics every 20 ms and note when the page
  // exists, when the host's camera has a consumer here, its first packet, its first decoded frame, and when the
  // page shows the conference live.
  await siteContext.addInitScript(() => {
    const w = window;
    const marks = { tap: null, page: null, consumer: null, packets: null, frame: null, live: null };
    w.__bench = marks;
    document.addEventListener('click', (e) => {
      if (e.target instanceof Element && e.target.closest('[data-testid="meeting-conference"]')) marks.tap = performance.now();
    }, true);
    const mark = (key, yes) => {
      if (marks[key] === null && yes) marks[key] = performance.now();
    };
    const tick = async () => {
      if (location.pathname.endsWith('/conference')) {
        mark('live', document.querySelector('[data-testid="conference"][data-state="live"]'));
        mark('page', w.phonghopConferenceStats);
        const stats = w.phonghopConferenceStats ? await w.phonghopConferenceStats().catch(() => []) : [];
        const camera = stats.filter((s) => s.source === 'camera');
        mark('consumer', camera.length);
        mark('packets', camera.some((s) => s.packetsReceived > 0));
        const hit = camera.find((s) => s.framesDecoded > 0);
        if (hit && !marks.frame) {
          marks.frame = performance.now();
          marks.peerId = hit.peerId;
        }
      }
      if (marks.frame === null || marks.live === null) setTimeout(tick, 20);
    };
    setTimeout(tick, 20);
  });
  const site = await siteContext.newPage();
  await signIn(site, 'diemcau.phuloc');

  /** One join; `viaMeetingPage`: tap the button on the open meeting page, else open the conference link cold. */
  const joinOnce = async (label, viaMeetingPage) => {
    await site.goto('about:blank');
    await sleep(1500); // the server sees the previous page's socket go
    if (viaMeetingPage) {
      await site.goto(meetingUrl);
      await site.getByTestId('meeting-conference').waitFor();
      await sleep(4000); // an operator looks at the meeting page a few seconds before tapping join
      await site.getByTestId('meeting-conference').click();
    } else {
      await site.goto(conferenceUrl);
    }
    await site.waitForFunction(() => window.__bench?.frame, null, { timeout: 30_000, polling: 20 });
    await site.waitForFunction(() => window.__bench?.live, null, { timeout: 10_000, polling: 20 }).catch(() => undefined);
    const got = await site.evaluate(() => ({ ...window.__bench }));
    if (viaMeetingPage && got.tap === null) throw new Error('the tap on the join button was not seen');
    const hostPeer = await site.locator('[data-testid="conf-spotlight"]').getAttribute('data-peer-id').catch(() => null);
    if (hostPeer && hostPeer !== got.peerId) throw new Error(`first frame came from ${got.peerId}, not the host ${hostPeer}`);
    // Times from the tap (join) or from navigation start (cold open).
    const zero = viaMeetingPage ? got.tap : 0;
    const since = {};
    for (const key of ['page', 'consumer', 'packets', 'frame', 'live']) since[key] = got[key] === null ? null : got[key] - zero;
    const f = (x) => (x === null ? '–' : x.toFixed(0));
    log(
      `${label}: first frame of the host's camera at ${f(since.frame)} ms (page ${f(since.page)}, consumer ${f(since.consumer)}, ` +
        `first packet ${f(since.packets)}, live ${f(since.live)})`,
    );
    return since;
  };
  const emitJoins = (metric, times, extra) => {
    const frames = times.map((t) => t.frame);
    const medianOf = (key) => round(median(times.map((t) => t[key]).filter((x) => x !== null)), 0);
    const med = median(frames);
    emit(metric, round(med, 0), {
      stat: 'median',
      p90: round(percentile(frames, 90), 0),
      joins: frames.length,
      // Medians of when the page existed, the host's camera had a consumer, its first packet arrived, the page said live.
      page_ms: medianOf('page'),
      consumer_ms: medianOf('consumer'),
      first_packet_ms: medianOf('packets'),
      live_ms: medianOf('live'),
      all_ms: frames.map((x) => Math.round(x)),
      ...extra(med),
    });
  };

  const joins = [];
  const cold = [];
  await joinOnce('join warm-up', true);
  await joinOnce('cold open warm-up', false);
  // Alternating, so that a slow minute of the machine falls on both.
  for (let i = 1; i <= flags.joins; i++) {
    joins.push(await joinOnce(`join ${i}`, true));
    cold.push(await joinOnce(`cold open ${i}`, false));
  }
  await site.goto('about:blank');
  await hostBrowser.close();
  await siteBrowser.close();
  emitJoins('join_to_first_frame_ms', joins, (med) => ({ from: 'tap on the join button, app open', target: TARGETS.joinMs, pass: med <= TARGETS.joinMs }));
  emitJoins('cold_open_to_first_frame_ms', cold, () => ({ from: 'navigation start of a direct link' }));
}

// ---- main -----------------------------------------------------------------------------------------------------

async function main() {
  const started = performance.now();
  prerequisites();
  const file = vp8File();
  const mediasoupVersion = (await import('mediasoup')).version;
  log(`machine: ${availableParallelism()} CPUs, load ${load().join(' ')}; Node ${process.version}; mediasoup ${mediasoupVersion}`);
  emit('machine', availableParallelism(), { unit: 'cpus', load_avg: load(), node: process.version, mediasoup: mediasoupVersion });

  // --capacity=N: phonghop's one-worker capacity from an earlier run, to run the later parts on their own.
  let fits = !flags.consumers.length && flags.capacity > 0 ? { phonghop: { capacity: flags.capacity } } : undefined;
  if (flags.consumers.length || (fits && (flags['soak-minutes'] > 0 || flags.over > 0))) {
    const targets = {
      ...(flags.consumers.length || flags.over > 0 || (flags['soak-minutes'] > 0 && flags['soak-on'].includes('bare')) ? { bare: await startTarget('bare', { file, ssrc: 0x11110001 }) } : {}),
      phonghop: await startTarget('phonghop', { workers: 1, file, ssrc: 0x11110002 }),
    };
    // Warm-up and a sanity check: every consumer of each server receives.
    for (const r of await measure(Object.values(targets), 20, { windowS: 3, warmupS: 3 })) {
      if (r.delivery.consumersSeen !== 20) throw new Error(`only ${r.delivery.consumersSeen} of 20 consumers received anything`);
    }
    if (flags.consumers.length) fits = await oneWorker(targets);
    else log(`using --capacity=${flags.capacity} as phonghop's one-worker capacity`);

    if (flags['soak-minutes'] > 0) {
      // At phonghop's size for both (--soak-on=bare,phonghop: one after the other, bare mediasoup as the yardstick).
      for (const name of flags['soak-on']) {
        await waitQuiet(Object.values(targets));
        await soak(targets[name], Math.round(0.8 * fits.phonghop.capacity), flags['soak-minutes']);
      }
    }
    if (flags.over > 0) {
      // Beyond saturation (for reference): does the worker's RSS run away, as seen before at 400 consumers?
      for (const name of ['bare', 'phonghop']) {
        await waitQuiet(Object.values(targets));
        const [r] = await measure([targets[name]], flags.over);
        emitMeasurement('worker_cpu_pct', targets[name], r, { part: 'over-saturation' });
        const w = r.workers[0];
        emit('worker_rss_growth_mb_per_min', round(w.rssGrowthMbPerMin, 2), {
          server: name,
          n: flags.over,
          part: 'over-saturation',
          after_warmup_s: flags.warmup,
          rss_fill_in_warmup_mb: round(w.rssFillMb, 1),
          delivered_total: round(r.delivery.deliveredTotal, 4),
        });
        await sleep(3000);
      }
    }
    for (const t of Object.values(targets)) await t.stop();
  }

  if (flags['two-worker'].length || flags.joins > 0) {
    const two = await startTarget('phonghop', { workers: 2, file, ssrc: 0x11110003 });
    if (flags['two-worker'].length) {
      if (!fits) throw new Error('--two-worker needs the one-worker part (--consumers) for its ratio');
      await twoWorkers(two, fits.phonghop.capacity);
    }
    two.ffmpeg.kill('SIGTERM');
    if (flags.joins > 0) {
      await waitQuiet([two]);
      await joinToFirstFrame(two);
    }
    await two.stop();
  }
  emit('run_minutes', round((performance.now() - started) / 60_000, 1), { load_avg: load() });
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    log(`${signal}: stopping the servers`);
    for (const c of cleanups.reverse()) await Promise.resolve().then(c).catch(() => undefined);
    process.exit(130);
  });
}

try {
  await main();
} catch (err) {
  log(`FAILED: ${err?.stack ?? err}`);
  process.exitCode = 1;
} finally {
  for (const c of cleanups.reverse()) {
    try {
      await c();
    } catch {
      // best effort: the process is ending anyway
    }
  }
}
