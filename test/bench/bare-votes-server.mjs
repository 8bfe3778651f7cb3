/**
 * The baseline for the votes benchmark: plain socket.io 4.8 on node:http that receives N ballots and broadcasts a
 * count. It speaks phonghop's event names and shapes (`room:join`, `vote:request` open / cast / close with
 * {ok, data} acks, `room:delta` votes deltas), so the very same harness drives both servers, and it sends the same
 * messages phonghop sends during a vote: the open motion, a progress count at most every 200 ms while ballots
 * arrive, and the closed motion with its result. The closed motion is phonghop's own (the harness passes one from
 * phonghop's warm-up as `template`), with this round's counts put in: the same shape and about the same bytes.
 * Nothing else: no sessions, no authorization, no eligibility, no database. Speaks the bench-probe IPC protocol.
 *
 *   room:join {meetingId}                                      → joins the one room
 *   vote:request open {meetingId, motionId, eligible, template} → broadcasts the open motion
 *   vote:request cast {meetingId, motionId, forUserId, choices, submissionKey} → counts it, acks {receipt, repeated}
 *   vote:request close {meetingId, motionId}                   → broadcasts the closed motion with the counts
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { listenWithProbe } from './lib/bare-probe.mjs';

const port = Number(process.env.PORT);
const host = process.env.HOST ?? '127.0.0.1';
const ROOM = 'meeting';
const PROGRESS_INTERVAL_MS = 200;
let version = Date.now();
/** motionId → { template, eligible, ballots: Map<forUserId, {choices, submissionKey, receipt}>, status, timer } */
const motions = new Map();

const httpServer = createServer((_req, res) => res.writeHead(404).end());
const io = new Server(httpServer, { path: '/api/realtime', serveClient: false });

const broadcast = (meetingId, change) => io.to(ROOM).emit('room:delta', { meetingId, audience: 'everyone', version: ++version, delta: { slice: 'votes', change } });
const fail = (code) => ({ ok: false, error: { code, message: code } });
const progressOf = (m) => ({ eligible: m.eligible, voted: m.ballots.size, hall: { eligible: m.eligible, voted: m.ballots.size }, sites: { eligible: 0, voted: 0 } });

function liveMotion(m, motionId) {
  const { template } = m;
  const base = { ...template, id: motionId, status: m.status, progress: progressOf(m) };
  if (m.status === 'open') return { ...base, closedAt: null, outcome: null };
  const counts = new Map(template.spec.options.map((o) => [o.id, 0]));
  let abstained = 0;
  for (const b of m.ballots.values()) {
    for (const c of b.choices) counts.set(c, (counts.get(c) ?? 0) + 1);
    if (b.choices.every((c) => template.spec.options.find((o) => o.id === c)?.abstain)) abstained++;
  }
  const n = m.ballots.size;
  const yes = counts.get('yes') ?? 0;
  const decided = template.outcome
    ? {
        ...template.outcome.decided,
        counts: template.spec.options.map((o) => ({ optionId: o.id, ballots: counts.get(o.id), weight: String(counts.get(o.id)) })),
        cast: { ballots: n, weight: String(n) },
        abstained: { ballots: abstained, weight: String(abstained) },
        passed: yes * 2 > Number(template.outcome.decided.base),
      }
    : { counts: [...counts].map(([optionId, ballots]) => ({ optionId, ballots, weight: String(ballots) })), cast: { ballots: n, weight: String(n) } };
  return { ...base, closedAt: new Date().toISOString(), outcome: { decided, receiptCount: n, resultHash: randomBytes(32).toString('hex') } };
}

function handle(req) {
  const { method, data } = req ?? {};
  const m = motions.get(data?.motionId);
  switch (method) {
    case 'open': {
      if (m) return fail('VOTE_ALREADY_OPEN');
      const opened = { template: data.template, eligible: data.eligible, ballots: new Map(), status: 'open', timer: null };
      motions.set(data.motionId, opened);
      broadcast(data.meetingId, { kind: 'upsert', motion: liveMotion(opened, data.motionId) });
      return { ok: true, data: { motion: { id: data.motionId, status: 'open' } } };
    }
    case 'cast': {
      if (!m) return fail('VOTE_NOT_FOUND');
      if (m.status !== 'open') return fail('VOTE_CLOSED');
      const stored = m.ballots.get(data.forUserId);
      if (stored) return stored.submissionKey === data.submissionKey ? { ok: true, data: { receipt: stored.receipt, repeated: true } } : fail('VOTE_ALREADY_CAST');
      const receipt = randomBytes(10).toString('hex');
      m.ballots.set(data.forUserId, { choices: data.choices, submissionKey: data.submissionKey, receipt });
      m.timer ??= setTimeout(() => {
        m.timer = null;
        if (m.status === 'open') broadcast(data.meetingId, { kind: 'progress', motionId: data.motionId, progress: progressOf(m) });
      }, PROGRESS_INTERVAL_MS);
      return { ok: true, data: { receipt, repeated: false } };
    }
    case 'close': {
      if (!m) return fail('VOTE_NOT_FOUND');
      if (m.status !== 'open') return fail('VOTE_CLOSED');
      m.status = 'closed';
      clearTimeout(m.timer);
      broadcast(data.meetingId, { kind: 'upsert', motion: liveMotion(m, data.motionId) });
      m.ballots.clear();
      return { ok: true, data: { motion: { id: data.motionId, status: 'closed' } } };
    }
    default:
      return fail('VALIDATION_FAILED');
  }
}

io.on('connection', (socket) => {
  socket.on('room:join', (_req, ack) => {
    void socket.join(ROOM);
    ack?.({ ok: true, data: {} });
  });
  socket.on('vote:request', (req, ack) => ack?.(handle(req)));
});

listenWithProbe(httpServer, io, port, host);
