/**
 * Presenter benchmark: the presenter's page turn and live ink reaching N tablets and the hall's display, phonghop
 * against a bare socket.io broadcast of the same bytes (test/bench/bare-presenter-server.mjs) in the same run.
 *
 *   node test/bench/presenter.bench.mjs [--tablets=500] [--rounds=30] [--warmup=3] [--batch=50]
 *
 * Set-up (phonghop): a fresh server (SQLite in a temp folder), the demo meeting, a 12-page PDF uploaded and published
 * to it by the secretary (as apps/api/test/presentation.int-spec.ts does). N delegate accounts of their own (made by
 * the administrator, invited by the secretary, as in the votes bench), each signed in on a socket of its own. The
 * chair's socket joins the room first, then the N tablets, then the display (display token) last: socket.io writes
 * a broadcast to a room's sockets in join order, so the display's time includes the whole fan-out. The chair starts
 * presenting the document at page 1. The bare server gets the same sockets in the same order.
 *
 * A round, on one server: (1) a page turn: the presenter sends `presentation:request view` with the next page (zoom
 * 1, no focus, as the reader's throttled view does) at t0; page_sync = t0 → the `view` delta with that page arriving
 * at each tablet and the display. (2) After a spacing, an ink stroke sent as the reader's PointBatcher sends it
 * (libs/client/documents/src/lib/presenter/live-ink.ts): `stroke` with the first point, then `points` batches of
 * what a 60 Hz pen draws meanwhile (4 points), each sent 50 ms after the previous one was acknowledged (one in
 * flight); 61 points, a second of drawing, 16 messages. ink_sync = each message's send → its delta arriving at each
 * tablet and the display. p50 / p99 over all (receiver, change) arrivals, and the slowest receiver per change. The
 * frame sizes are taken on one tablet from the engine.io packet (the WebSocket message's payload; the frame header
 * adds 2–4 bytes). Rounds: warm-up on phonghop first (its deltas become the bare server's templates, so the bare
 * server sends the same bytes), then on bare, then measured rounds alternating A B B A …; every round waits for all
 * arrivals (bounded) before the spacing. `missed` counts arrivals that never came, warm-up included.
 * stdout: one JSON line per figure; progress on stderr. Exit code non-zero when an arrival is missed.
 * To profile the servers: BENCH_CHILD_EXEC_ARGV="--cpu-prof --cpu-prof-dir=/tmp/prof --require
 * ./test/bench/lib/exit-normally-on-sigterm.cjs"; the log then gives the measured phase's window in the profile's
 * clock. BENCH_API_SCRIPT runs another build of the API (with NODE_PATH=node_modules when it lives elsewhere).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startChildServer } from './lib/child-server.mjs';
import { makePdf } from './lib/make-pdf.mjs';
import { delegateTablets, joinRoom, resent } from './lib/meeting-tablets.mjs';
import { call, login, uploadDocument } from './lib/phonghop-client.mjs';
import { ack } from './lib/room-sockets.mjs';
import { percentile, round, tallyRound } from './lib/stats.mjs';
import { freePort, log, parseFlags, sleep, withTimeout } from './lib/util.mjs';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const flags = parseFlags(process.argv.slice(2), { tablets: 500, rounds: 30, warmup: 3, batch: 50 });
const TARGET_P99_MS = 150;
const TARGET_RATIO = 1.3;
const PAGES = 12;
const ROUND_SPACING_MS = 250;
const ARRIVALS_TIMEOUT_MS = 15_000;
/** The reader's live pen (presenter-session.ts) and batching (live-ink.ts): 50 ms between batches, 60 Hz pen. */
const PEN = { color: '#e53935', width: 0.005 };
const STROKE_POINTS = 61;
const POINTS_PER_BATCH = 4;
const POINTS_INTERVAL_MS = 50;
/** The built API; BENCH_API_SCRIPT points at another build (e.g. a copy that other engineers' rebuilds leave alone). */
const API_SCRIPT = process.env.BENCH_API_SCRIPT ?? join(repoRoot, 'dist/apps/api/main.js');
const childExecArgv = process.env.BENCH_CHILD_EXEC_ARGV?.split(' ').filter(Boolean) ?? [];
const profiling = childExecArgv.includes('--cpu-prof');

setFlagsFromString('--expose-gc');
const clientGc = runInNewContext('gc');
const monotonicMicros = () => process.hrtime.bigint() / 1000n;
const emit = (fields) => process.stdout.write(`${JSON.stringify({ bench: 'presenter', ...fields })}\n`);

// ── what the presenter sends ────────────────────────────────────────────────────────────────────────────

/** Page-normalised, 4 decimals, as the reader's normalisedPoint makes them. */
const at4 = (v) => Math.round(Math.min(1, Math.max(0, v)) * 10_000) / 10_000;

/**
 * Stroke `n`: the presenter underlines a line of text, left to right with a hand's wobble; the line moves down the
 * page from one stroke to the next. The same n gives the same points on both servers.
 */
function strokePoints(n) {
  const y = 0.12 + 0.035 * (n % 22);
  return Array.from({ length: STROKE_POINTS }, (_, i) => {
    const f = i / (STROKE_POINTS - 1);
    return [at4(0.1 + 0.75 * f + 0.002 * Math.sin(i * 1.3)), at4(y + 0.004 * Math.sin(f * Math.PI * 3) + 0.001 * Math.cos(i * 2.1))];
  });
}

/** The stroke's messages as PointBatcher sends them: the first point begins it, then batches. */
function strokeMessages(meetingId, strokeId, points) {
  const messages = [{ method: 'stroke', data: { meetingId, stroke: { id: strokeId, color: PEN.color, width: PEN.width, points: points.slice(0, 1) } } }];
  for (let i = 1; i < points.length; i += POINTS_PER_BATCH) messages.push({ method: 'points', data: { meetingId, strokeId, points: points.slice(i, i + POINTS_PER_BATCH) } });
  return messages;
}

// ── the two servers ─────────────────────────────────────────────────────────────────────────────────────

const tally = () => ({ latencies: [], roundMax: [], expected: 0, delivered: 0 });

/** `prepare(target)`, and the target back; one that fails to get ready is stopped before the error goes on. */
async function readyOrClosed(target, prepare) {
  try {
    await prepare(target);
    return target;
  } catch (err) {
    await target.close();
    throw err;
  }
}

async function startTarget(name, script, env) {
  const dataDir = mkdtempSync(join(tmpdir(), `phonghop-presenter-${name}-`));
  const port = await freePort();
  const target = { name, baseUrl: `http://127.0.0.1:${port}`, receivers: [], page: 1, strokes: 0, round: null, missed: 0, arrivals: 0, bytes: {}, tallies: { page: tally(), ink: tally() } };
  target.close = async () => {
    for (const s of [target.presenter, ...target.receivers]) s?.disconnect();
    await sleep(200);
    await target.child?.stop(profiling ? 300_000 : 10_000);
    rmSync(dataDir, { recursive: true, force: true });
  };
  return readyOrClosed(target, async () => {
    target.child = await startChildServer(script, { ...env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' }, { execArgv: childExecArgv });
  });
}

/**
 * Receiver `i` (a tablet, or the display as the last) notes when the current round's change reaches it. A page turn
 * is recognised by its page; a stroke's messages by the stroke's id, its k-th `points` delta being message k
 * (socket.io keeps their order). On tablet 0 the engine.io packet that carried it gives the bytes on the wire.
 */
function watchReceiver(target, socket, i) {
  let packetBytes = NaN;
  if (i === 0) {
    socket.io.on('open', () =>
      socket.io.engine.on('packet', (p) => {
        if (p.type === 'message' && typeof p.data === 'string') packetBytes = 1 + Buffer.byteLength(p.data);
      }),
    );
  }
  socket.on('room:delta', (msg) => {
    const t = performance.now();
    const change = msg?.delta?.slice === 'presentation' ? msg.delta.change : null;
    const r = target.round;
    if (!change || !r) return;
    let sent;
    if (r.kind === 'page' && change.kind === 'view' && change.view.page === r.page) sent = r.messages[0];
    else if (r.kind === 'ink' && change.kind === 'stroke' && change.stroke.id === r.strokeId) sent = r.messages[0];
    else if (r.kind === 'ink' && change.kind === 'points' && change.strokeId === r.strokeId) sent = r.messages[++r.seen[i]];
    if (!sent || !Number.isNaN(sent.times[i])) return;
    sent.times[i] = t;
    sent.received++;
    if (i === 0) sent.bytes = packetBytes;
    // phonghop's own messages, one per kind, become the bare server's templates (taken from the display).
    if (target.templates && i === target.receivers.length - 1) target.templates[change.kind] ??= msg;
    if (++r.received === r.expected) r.done();
  });
}

/** The presenter first, then the N tablets, then the display: the display is the last a broadcast is written to. */
async function joinEveryone(target, presenterOptions, tabletOptionsOf, displayOptions) {
  const t0 = performance.now();
  const { baseUrl, meetingId } = target;
  const n = flags.tablets;
  [target.presenter] = await joinRoom(baseUrl, meetingId, 1, { optionsOf: () => presenterOptions });
  const tablets = await joinRoom(baseUrl, meetingId, n, { optionsOf: tabletOptionsOf, batch: flags.batch, onSocket: (s, i) => watchReceiver(target, s, i) });
  const [display] = await joinRoom(baseUrl, meetingId, 1, { optionsOf: () => displayOptions, onSocket: (s) => watchReceiver(target, s, n) });
  target.receivers = [...tablets, display];
  log(`${target.name}: the presenter, ${n} tablets and the display joined in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

async function startPhonghop() {
  const target = await startTarget('phonghop', API_SCRIPT, { LOG_LEVEL: 'warn', PHONGHOP_BENCH_PROBE: '1', LOGIN_RATE_PER_MINUTE: '100000', CONFERENCE_WORKERS: '0' });
  return readyOrClosed(target, async ({ baseUrl }) => {
    const [chair, secretary, admin] = await Promise.all(['chutoa', 'thuky', 'quantri'].map((u) => resent(`sign in ${u}`, () => login(baseUrl, u))));
    const meetingId = (await call(baseUrl, chair, 'GET', '/api/meetings/mine'))[0].id;
    target.meetingId = meetingId;
    // A published document of the meeting, uploaded by the secretary, as the presentation integration spec does.
    const pdf = await makePdf({ pages: PAGES, title: 'Báo cáo trình chiếu' });
    const doc = await uploadDocument(baseUrl, secretary, meetingId, pdf, { title: 'Báo cáo trình chiếu', fileName: 'bao-cao-trinh-chieu.pdf' });
    const { token } = await call(baseUrl, secretary, 'POST', `/api/meetings/${meetingId}/displays`, { label: 'Màn hình đo' });
    const t0 = performance.now();
    const { cookies } = await delegateTablets(baseUrl, { admin, secretary, meetingId, count: flags.tablets });
    log(`phonghop: ${flags.tablets} delegate accounts made, invited and signed in in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await joinEveryone(target, { cookie: chair }, (i) => ({ cookie: cookies[i] }), { auth: { displayToken: token } });
    const started = await ack(target.presenter, 'presentation:request', { method: 'start', data: { meetingId, documentId: doc.id, page: 1 } });
    if (started.pageCount !== PAGES) throw new Error(`the presented document has ${started.pageCount} pages, expected ${PAGES}`);
    target.templates = {};
  });
}

/** The bare server, in phonghop's meeting (same ids on the wire), sending phonghop's warm-up deltas as templates. */
async function startBare(ph) {
  const target = await startTarget('bare', join(repoRoot, 'test/bench/bare-presenter-server.mjs'), {});
  target.meetingId = ph.meetingId;
  return readyOrClosed(target, async () => {
    await joinEveryone(target, {}, () => ({}), {});
    await ack(target.presenter, 'presentation:request', { method: 'start', data: { meetingId: ph.meetingId, templates: ph.templates } });
  });
}

// ── rounds ──────────────────────────────────────────────────────────────────────────────────────────────

function newRound(target, kind, messages, fields) {
  const receivers = target.receivers.length;
  let done;
  const allIn = new Promise((resolve) => (done = resolve));
  const list = Array.from({ length: messages }, () => ({ sentAt: NaN, times: new Float64Array(receivers).fill(NaN), received: 0, bytes: NaN }));
  target.round = { kind, messages: list, expected: receivers * messages, received: 0, seen: new Int32Array(receivers), done, ...fields };
  return { round: target.round, allIn };
}

/** Waits (bounded) for every arrival; counts the missing ones; tallies the round when counted. */
async function finish(target, r, allIn, into, label, counted) {
  await withTimeout(allIn, ARRIVALS_TIMEOUT_MS, `${label}: every receiver to get it`).catch((err) => log(`${target.name} ${err.message}`));
  target.round = null;
  const missed = r.expected - r.received;
  target.missed += missed;
  target.arrivals += r.expected;
  const slowest = r.messages.map((m) => Math.max(...Array.from(m.times, (t) => t - m.sentAt).filter((x) => !Number.isNaN(x))));
  if (counted) for (const m of r.messages) tallyRound(into, m.times, m.sentAt, m.received);
  return { missed, slowest };
}

async function pageRound(target, label, counted) {
  clientGc();
  target.page = (target.page % PAGES) + 1;
  const { round: r, allIn } = newRound(target, 'page', 1, { page: target.page });
  const m = r.messages[0];
  m.sentAt = performance.now();
  const reply = ack(target.presenter, 'presentation:request', { method: 'view', data: { meetingId: target.meetingId, page: target.page, zoom: 1, focus: null } });
  reply.catch(() => undefined); // awaited below, after the arrivals; a refusal must not go unhandled meanwhile
  const { missed, slowest } = await finish(target, r, allIn, target.tallies.page, label, counted);
  const view = await reply;
  if (view.page !== target.page) throw new Error(`${label}: the view ack says page ${view.page}, expected ${target.page}`);
  target.bytes.page ??= m.bytes;
  log(`${target.name} ${label} page ${target.page}: slowest receiver ${slowest[0].toFixed(1)} ms${missed ? `, MISSED ${missed}` : ''}`);
}

async function inkRound(target, label, counted) {
  clientGc();
  const n = target.strokes++;
  const strokeId = `live-${Date.now().toString(36)}-${n + 1}`;
  const messages = strokeMessages(target.meetingId, strokeId, strokePoints(n));
  const { round: r, allIn } = newRound(target, 'ink', messages.length, { strokeId });
  // One message in flight, the next 50 ms after its ack, as PointBatcher does while the pen keeps moving.
  for (let k = 0; k < messages.length; k++) {
    if (k > 0) await sleep(POINTS_INTERVAL_MS);
    r.messages[k].sentAt = performance.now();
    await ack(target.presenter, 'presentation:request', messages[k]);
  }
  const { missed, slowest } = await finish(target, r, allIn, target.tallies.ink, label, counted);
  target.bytes.stroke ??= r.messages[0].bytes;
  target.bytes.points ??= r.messages[1].bytes;
  target.bytes.strokeTotal ??= r.messages.reduce((sum, m) => sum + m.bytes, 0);
  log(`${target.name} ${label} stroke of ${messages.length} messages: slowest receiver per message max ${Math.max(...slowest).toFixed(1)} ms, median ${percentile(slowest, 50).toFixed(1)} ms${missed ? `, MISSED ${missed}` : ''}`);
}

async function playRound(target, label, counted) {
  await pageRound(target, label, counted);
  await sleep(ROUND_SPACING_MS);
  await inkRound(target, label, counted);
  await sleep(ROUND_SPACING_MS);
}

// ── the run ─────────────────────────────────────────────────────────────────────────────────────────────

function report(targets) {
  const where = { tablets: flags.tablets };
  const s = {};
  for (const t of targets) {
    const x = (s[t.name] = {});
    for (const [kind, k] of Object.entries(t.tallies)) {
      x[kind] = { p50: percentile(k.latencies, 50), p99: percentile(k.latencies, 99), slowestP50: percentile(k.roundMax, 50), slowestMax: Math.max(...k.roundMax) };
      log(
        `${t.name} ${kind}: p50 ${x[kind].p50.toFixed(1)} ms, p99 ${x[kind].p99.toFixed(1)} ms over ${k.latencies.length} arrivals (${k.delivered}/${k.expected}); ` +
          `slowest receiver per change: median ${x[kind].slowestP50} ms, max ${x[kind].slowestMax} ms; per change: ${k.roundMax.join(' ')}`,
      );
    }
  }
  for (const t of targets) {
    const x = s[t.name];
    const server = { ...where, server: t.name };
    const target = (v) => (t.name === 'phonghop' ? { target: TARGET_P99_MS, pass: v <= TARGET_P99_MS } : {});
    for (const kind of ['page', 'ink']) {
      emit({ metric: `${kind}_sync_p50_ms`, value: round(x[kind].p50), ...server });
      emit({ metric: `${kind}_sync_p99_ms`, value: round(x[kind].p99), ...server, ...target(x[kind].p99) });
      emit({ metric: `${kind}_sync_slowest_receiver_p50_ms`, value: x[kind].slowestP50, ...server });
    }
    emit({ metric: 'page_change_bytes', value: t.bytes.page, ...server });
    emit({ metric: 'ink_stroke_bytes', value: t.bytes.stroke, ...server, points: 1 });
    emit({ metric: 'ink_points_bytes', value: t.bytes.points, ...server, points: POINTS_PER_BATCH });
    emit({ metric: 'ink_whole_stroke_bytes', value: t.bytes.strokeTotal, ...server, points: STROKE_POINTS, messages: Math.ceil((STROKE_POINTS - 1) / POINTS_PER_BATCH) + 1 });
    emit({ metric: 'missed', value: t.missed, ...server, arrivals: t.arrivals, pass: t.missed === 0 });
  }
  for (const kind of ['page', 'ink']) {
    const ratio = s.phonghop[kind].p99 / s.bare[kind].p99;
    emit({ metric: `${kind}_sync_p99_ratio_vs_bare`, value: round(ratio, 3), ...where, target: TARGET_RATIO, pass: ratio <= TARGET_RATIO });
  }
}

async function main() {
  // Every wait is bounded, but a hung child server must not keep the bench (and its sockets) alive for ever.
  const giveUp = () => {
    log('gave up after 30 minutes');
    process.exit(2);
  };
  setTimeout(giveUp, 30 * 60_000).unref();
  const targets = [];
  try {
    const ph = await startPhonghop();
    targets.push(ph);
    // Warm-up on phonghop first: its deltas are what the bare server will send.
    for (let w = 0; w < flags.warmup; w++) await playRound(ph, `warm-up ${w + 1}`, false);
    for (const kind of ['view', 'stroke', 'points']) if (!ph.templates[kind]) throw new Error(`no ${kind} delta seen in phonghop's warm-up`);
    const bare = await startBare(ph);
    targets.push(bare);
    for (let w = 0; w < flags.warmup; w++) await playRound(bare, `warm-up ${w + 1}`, false);
    const measuredFrom = monotonicMicros();
    for (let r = 0; r < flags.rounds; r++) {
      for (const target of r % 2 === 0 ? [ph, bare] : [bare, ph]) await playRound(target, `${r + 1}/${flags.rounds}`, true);
    }
    // A CPU profile's timestamps are CLOCK_MONOTONIC microseconds too: this window cuts the set-up out of it.
    if (profiling) log(`profile window: ${measuredFrom}..${monotonicMicros()} µs (CLOCK_MONOTONIC)`);
    report(targets);
    if (targets.some((t) => t.missed > 0)) {
      log(`FAILED: arrivals missed (${targets.map((t) => `${t.name} ${t.missed}`).join(', ')})`);
      process.exitCode = 1;
    }
  } finally {
    for (const t of targets.reverse()) await t.close();
  }
}

main().catch((err) => {
  log(`FAILED: ${err?.stack ?? err}${err?.cause ? ` (cause: ${err.cause?.stack ?? err.cause})` : ''}`);
  process.exit(1);
});
