/**
 * Floor benchmark: a chair action ("give the floor") reaching every tablet and the hall's display, phonghop against
 * a bare socket.io broadcast of the same messages; and a check-in storm.
 *
 *   node test/bench/floor.bench.mjs [--clients=500,2000] [--rounds=30] [--batch=50] [--storm=500]
 *
 * Floor rounds: the chair's socket sends `floor:request giveFloor` (phonghop: authorization, the floor rules, the
 * versioned write with its record event in one transaction, then the deltas) or `give` (bare: the same two
 * room:delta messages, nothing else). Latency = from the chair's send to the arrival of the speaker delta at each of
 * the N tablets and the display. Rounds alternate between the two servers (A B B A …) so machine load hits both alike.
 * Storm: `storm` tablets (their own accounts, invited to the meeting) send their QR check-in spread evenly over 2 s;
 * latency = send → acknowledgement; afterwards the stored record must hold exactly one check-in per tablet, with a
 * tenth of them sent twice.
 * stdout: one JSON line per figure; progress on stderr. Exit code non-zero on lost deliveries or a wrong count.
 * BENCH_CHILD_EXEC_ARGV="--cpu-prof --cpu-prof-dir=/tmp/prof" passes extra Node flags to the servers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startChildServer } from './lib/child-server.mjs';
import { ack, connected, socketTo } from './lib/room-sockets.mjs';
import { call, login } from './lib/phonghop-client.mjs';
import { percentile, round, tallyRound } from './lib/stats.mjs';
import { freePort, log, parseFlags, sleep, withTimeout } from './lib/util.mjs';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const flags = parseFlags(process.argv.slice(2), { clients: [500, 2000], rounds: 30, batch: 50, storm: 500 });
const WARMUP_ROUNDS = 3;
const ROUND_SPACING_MS = 250;
const ROUND_TIMEOUT_MS = 15_000;
const STORM_SECONDS = 2;
const TARGET_RATIO = 1.3;
const childExecArgv = process.env.BENCH_CHILD_EXEC_ARGV?.split(' ').filter(Boolean) ?? [];

setFlagsFromString('--expose-gc');
const clientGc = runInNewContext('gc');
const emit = (fields) => process.stdout.write(`${JSON.stringify({ bench: 'floor', ...fields })}\n`);


/** Connects `count` sockets `batch` at a time and joins each to the meeting's room. */
async function connectAll(baseUrl, count, options, joinEvent, meetingId, onDelta) {
  const sockets = [];
  for (let start = 0; start < count; start += flags.batch) {
    const batch = [];
    for (let i = start; i < Math.min(count, start + flags.batch); i++) {
      const socket = socketTo(baseUrl, typeof options === 'function' ? options(i) : options);
      if (onDelta) socket.on('room:delta', (msg) => onDelta(i, performance.now(), msg));
      sockets.push(socket);
      batch.push(connected(socket).then(() => ack(socket, joinEvent, { meetingId })));
    }
    await withTimeout(Promise.all(batch), 120_000, `sockets ${start}..${start + batch.length - 1} to connect and join`);
  }
  return sockets;
}

const servers = {
  phonghop: {
    script: join(repoRoot, 'dist/apps/api/main.js'),
    env: { LOG_LEVEL: 'warn', PHONGHOP_BENCH_PROBE: '1', LOGIN_RATE_PER_MINUTE: '100000', CONFERENCE_WORKERS: '0' },
    joinEvent: 'room:join',
    async prepare(baseUrl) {
      const [chair, secretary, delegate] = await Promise.all(['chutoa', 'thuky', 'daibieu'].map((u) => login(baseUrl, u)));
      const meetingId = (await call(baseUrl, chair, 'GET', '/api/meetings/mine'))[0].id;
      const roster = await call(baseUrl, secretary, 'GET', `/api/meetings/${meetingId}/participants`);
      const targets = roster.filter((p) => p.meetingRole === 'delegate' || p.meetingRole === 'site').map((p) => p.userId);
      const { token } = await call(baseUrl, secretary, 'POST', `/api/meetings/${meetingId}/displays`, { label: 'Màn hình đo' });
      const chairSocket = socketTo(baseUrl, { cookie: chair });
      await connected(chairSocket);
      await ack(chairSocket, 'room:join', { meetingId });
      await ack(chairSocket, 'floor:request', { method: 'start', data: { meetingId } });
      return { meetingId, chairSocket, tablet: { cookie: delegate }, display: { auth: { displayToken: token } }, targets, secretary, chair };
    },
    give(ctx, userId) {
      return ack(ctx.chairSocket, 'floor:request', { method: 'giveFloor', data: { meetingId: ctx.meetingId, userId, seconds: 120 } });
    },
  },
  bare: {
    script: join(repoRoot, 'test/bench/bare-floor-server.mjs'),
    env: {},
    joinEvent: 'join',
    async prepare(baseUrl, like) {
      const chairSocket = socketTo(baseUrl);
      await connected(chairSocket);
      await ack(chairSocket, 'join', { meetingId: like.meetingId });
      return { meetingId: like.meetingId, chairSocket, tablet: {}, display: {}, targets: like.targets, speakers: like.speakers };
    },
    give(ctx, userId) {
      const s = ctx.speakers.get(userId);
      return ack(ctx.chairSocket, 'give', { meetingId: ctx.meetingId, userId, name: s.name, unitName: s.unitName, siteId: s.siteId });
    },
  },
};

async function startTarget(name, like) {
  const server = servers[name];
  const dataDir = mkdtempSync(join(tmpdir(), `phonghop-floor-${name}-`));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const target = { name, server, baseUrl, sockets: [], latencies: [], roundMax: [], delivered: 0, expected: 0, round: null };
  target.close = async () => {
    for (const s of target.sockets) s.disconnect();
    target.ctx?.chairSocket.disconnect();
    await sleep(200);
    await target.child?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    target.child = await startChildServer(server.script, { ...server.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' }, { execArgv: childExecArgv });
    target.ctx = await server.prepare(baseUrl, like);
    return target;
  } catch (err) {
    await target.close();
    throw err;
  }
}

/** Tablets (N) and the display join; every speaker delta is timed on arrival. */
async function connectClients(target, n) {
  const onDelta = (index, t, msg) => {
    const round = target.round;
    const change = msg.delta?.slice === 'floor' ? msg.delta.change : null;
    if (!round || change?.kind !== 'speaker' || change.speaker?.userId !== round.userId || change.speaker.startedAt === round.seen[index]) return;
    if (!Number.isNaN(round.times[index])) return;
    round.times[index] = t;
    round.speaker ??= change.speaker;
    if (++round.received === round.times.length) round.done();
  };
  const { ctx, server, baseUrl } = target;
  const t0 = performance.now();
  target.sockets = await connectAll(baseUrl, n, ctx.tablet, server.joinEvent, ctx.meetingId, onDelta);
  // The display: one more socket (phonghop: display token, no user).
  target.sockets.push(...(await connectAll(baseUrl, 1, ctx.display, server.joinEvent, ctx.meetingId, (_i, t, msg) => onDelta(n, t, msg))));
  log(`${target.name} N=${n}: ${n} tablets and a display joined in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

async function floorRound(target, r, counted) {
  clientGc();
  const receivers = target.sockets.length;
  const userId = target.ctx.targets[r % target.ctx.targets.length];
  let done;
  const allIn = new Promise((resolve) => (done = resolve));
  target.round = { userId, times: new Float64Array(receivers).fill(NaN), received: 0, done, seen: [] };
  const t0 = performance.now();
  const reply = target.server.give(target.ctx, userId);
  await Promise.race([allIn, sleep(ROUND_TIMEOUT_MS)]);
  await reply;
  const finished = target.round;
  target.round = null;
  if (finished.speaker) (target.speakers ??= new Map()).set(userId, finished.speaker);
  if (counted) tallyRound(target, finished.times, t0, finished.received);
}

async function runFloor(n) {
  const targets = [];
  try {
    const phonghop = await startTarget('phonghop');
    targets.push(phonghop);
    await connectClients(phonghop, n);
    // Warm-up on phonghop first: it tells the bare server what the speakers look like (same bytes on the wire).
    for (let r = 0; r < WARMUP_ROUNDS; r++) await floorRound(phonghop, r, false);
    const bare = await startTarget('bare', { meetingId: phonghop.ctx.meetingId, targets: phonghop.ctx.targets, speakers: phonghop.speakers });
    targets.push(bare);
    await connectClients(bare, n);
    for (let r = 0; r < WARMUP_ROUNDS; r++) await floorRound(bare, r, false);
    for (let r = 0; r < flags.rounds; r++) {
      for (const target of r % 2 === 0 ? targets : [...targets].reverse()) {
        const t0 = performance.now();
        await floorRound(target, r, true);
        await sleep(Math.max(0, ROUND_SPACING_MS - (performance.now() - t0)));
      }
    }
    const results = {};
    for (const t of targets) {
      results[t.name] = { p50: percentile(t.latencies, 50), p99: percentile(t.latencies, 99), delivered: t.delivered / t.expected };
      log(`${t.name} N=${n}: p50 ${results[t.name].p50.toFixed(1)} ms, p99 ${results[t.name].p99.toFixed(1)} ms, delivered ${t.delivered}/${t.expected}; slowest per round: ${t.roundMax.join(' ')}`);
    }
    return results;
  } finally {
    for (const t of targets) await t.close();
  }
}

/** `count` accounts of their own, invited to the meeting as delegates; returns their session cookies. */
async function makeTablets(baseUrl, ctx, count) {
  const admin = await login(baseUrl, 'quantri');
  const ids = [];
  const cookies = [];
  const parallel = 8;
  for (let start = 0; start < count; start += parallel) {
    const made = await Promise.all(
      Array.from({ length: Math.min(parallel, count - start) }, (_, k) => {
        const i = start + k;
        return call(baseUrl, admin, 'POST', '/api/users', { username: `maytinhbang.${i}`, fullName: `Đại biểu ${i}`, password: 'MayTinhBang2026', roles: ['delegate'] });
      }),
    );
    ids.push(...made.map((u) => u.id));
  }
  await call(baseUrl, ctx.secretary, 'POST', `/api/meetings/${ctx.meetingId}/participants`, { meetingRole: 'delegate', userIds: ids });
  for (let start = 0; start < count; start += parallel) {
    cookies.push(...(await Promise.all(Array.from({ length: Math.min(parallel, count - start) }, (_, k) => login(baseUrl, `maytinhbang.${start + k}`, 'MayTinhBang2026')))));
  }
  return { ids, cookies };
}

async function runStorm(count) {
  const target = await startTarget('phonghop');
  try {
    const { baseUrl, ctx } = target;
    log(`storm: creating ${count} tablet accounts`);
    const { ids, cookies } = await makeTablets(baseUrl, ctx, count);
    target.sockets = await connectAll(baseUrl, count, (i) => ({ cookie: cookies[i] }), 'room:join', ctx.meetingId);
    const { code } = await call(baseUrl, ctx.secretary, 'GET', `/api/meetings/${ctx.meetingId}/check-in-code`);
    log(`storm: ${count} tablets joined; checking in over ${STORM_SECONDS} s`);
    clientGc();
    const latencies = [];
    const failures = [];
    const sendAt = (i) => (i * STORM_SECONDS * 1000) / count;
    const t0 = performance.now();
    const checkIn = async (i) => {
      const wait = t0 + sendAt(i) - performance.now();
      if (wait > 0) await sleep(wait);
      const sent = performance.now();
      const reply = await target.sockets[i].timeout(30_000).emitWithAck('floor:request', { method: 'checkIn', data: { meetingId: ctx.meetingId, code } });
      if (!reply?.ok) failures.push(reply);
      return performance.now() - sent;
    };
    // Every tablet once, and a tenth of them a second time at once (a double tap, a retry after a Wi-Fi hiccup).
    const sends = [...Array.from({ length: count }, (_, i) => checkIn(i)), ...Array.from({ length: Math.floor(count / 10) }, (_, k) => checkIn(k * 10))];
    latencies.push(...(await withTimeout(Promise.all(sends), 120_000, 'check-ins to be answered')));
    const spanMs = performance.now() - t0;
    const record = await call(baseUrl, ctx.secretary, 'GET', `/api/meetings/${ctx.meetingId}/record`);
    const checkIns = record.filter((e) => e.kind === 'attendance' && e.data.method === 'qr');
    const distinct = new Set(checkIns.map((e) => e.data.userId));
    const snapshot = await ack(target.sockets[0], 'room:join', { meetingId: ctx.meetingId });
    const present = ids.filter((id) => snapshot.state.attendance[id]?.status === 'present').length;
    return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), spanMs, stored: checkIns.length, distinct: distinct.size, present, failures };
  } finally {
    await target.close();
  }
}

async function main() {
  const watchdog = setTimeout(() => {
    log('gave up after 30 minutes');
    process.exit(2);
  }, 30 * 60_000);
  watchdog.unref();
  let failed = false;
  for (const n of flags.clients) {
    const r = await runFloor(n);
    for (const name of ['phonghop', 'bare']) {
      emit({ metric: 'floor_p50_ms', value: round(r[name].p50), clients: n, server: name });
      emit({ metric: 'floor_p99_ms', value: round(r[name].p99), clients: n, server: name });
      emit({ metric: 'delivered_ratio', value: round(r[name].delivered, 4), clients: n, server: name });
      if (r[name].delivered !== 1) failed = true;
    }
    const ratio = r.phonghop.p99 / r.bare.p99;
    emit({ metric: 'floor_p99_ratio_vs_bare', value: round(ratio, 3), clients: n, target: TARGET_RATIO, pass: ratio <= TARGET_RATIO });
  }
  if (flags.storm > 0) {
    const s = await runStorm(flags.storm);
    log(`storm: ${flags.storm} check-ins (+${Math.floor(flags.storm / 10)} repeated) answered in ${(s.spanMs / 1000).toFixed(2)} s; stored ${s.stored}, distinct ${s.distinct}, present ${s.present}, refused ${s.failures.length}`);
    emit({ metric: 'checkin_storm_p50_ms', value: round(s.p50), clients: flags.storm });
    emit({ metric: 'checkin_storm_p99_ms', value: round(s.p99), clients: flags.storm });
    emit({ metric: 'checkins_stored', value: s.stored, clients: flags.storm, pass: s.stored === flags.storm && s.distinct === flags.storm && s.present === flags.storm });
    if (s.stored !== flags.storm || s.distinct !== flags.storm || s.present !== flags.storm || s.failures.length) {
      log(`FAILED: expected each of ${flags.storm} check-ins stored once; refusals: ${JSON.stringify(s.failures.slice(0, 3))}`);
      failed = true;
    }
  }
  if (failed) process.exitCode = 1;
}

main().catch((err) => {
  log(`FAILED: ${err?.stack ?? err}`);
  process.exit(1);
});
