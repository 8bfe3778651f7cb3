/**
 * The baseline for the presenter benchmark: plain socket.io 4.8 on node:http with phonghop's event names
 * (`room:join`, `presentation:request` with {ok, data} acks, `room:delta`), so the same harness drives both servers.
 * On the presenter's page turn or ink it broadcasts to the room the very message phonghop sends for that change:
 * the harness passes, with `start`, one `room:delta` message per kind captured from phonghop's warm-up, and each
 * change is that message with this change's page / stroke / points and the next version filled in (points rounded
 * as phonghop rounds them). Same shape, same keys in the same order, the same bytes. Nothing else: no sessions, no
 * authorization, no presentation state. Speaks the bench-probe IPC protocol (ready, measure).
 *
 *   room:join {meetingId}                                           → joins the one room
 *   presentation:request start {meetingId, templates: {view, stroke, points}} → keeps the templates
 *   presentation:request view {meetingId, page, zoom, focus}       → broadcasts the view delta, acks the view
 *   presentation:request stroke {meetingId, stroke}                → broadcasts the stroke delta, acks null
 *   presentation:request points {meetingId, strokeId, points}      → broadcasts the points delta, acks null
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { listenWithProbe } from './lib/bare-probe.mjs';

const ROOM = 'meeting';
let templates = null;
let version = 0;

const httpServer = createServer((_req, res) => res.writeHead(404).end());
const io = new Server(httpServer, { path: '/api/realtime', serveClient: false });

/** phonghop sends coordinates rounded to 1/10,000 of the page; so does this, for the same bytes. */
const round = (v) => Math.round(v * 10_000) / 10_000;
const roundPoints = (points) => points.map((p) => p.map(round));
const fail = (code) => ({ ok: false, error: { code, message: code } });

/** The captured message of this kind with `change` (spread over its own, keeping the key order) and the next version. */
function broadcast(kind, change) {
  const t = templates[kind];
  io.to(ROOM).emit('room:delta', { ...t, version: ++version, delta: { ...t.delta, change: { ...t.delta.change, ...change } } });
}

/** Per method: the change's broadcast and the ack's data (phonghop acks the view, and null for ink). */
const methods = {
  start(data) {
    templates = data.templates;
    version = Math.max(version, ...Object.values(templates).map((t) => t.version));
    return null;
  },
  view(data) {
    const view = { ...templates.view.delta.change.view, page: data.page, zoom: data.zoom, focus: data.focus };
    broadcast('view', { view });
    return view;
  },
  stroke({ stroke: s }) {
    broadcast('stroke', { stroke: { ...templates.stroke.delta.change.stroke, id: s.id, color: s.color, width: round(s.width), points: roundPoints(s.points) } });
    return null;
  },
  points(data) {
    broadcast('points', { strokeId: data.strokeId, points: roundPoints(data.points) });
    return null;
  },
};

io.on('connection', (socket) => {
  socket.on('room:join', (_req, ack) => {
    void socket.join(ROOM);
    ack?.({ ok: true, data: {} });
  });
  socket.on('presentation:request', (req, ack) => {
    const { method, data } = req ?? {};
    if (!Object.hasOwn(methods, method)) ack?.(fail('VALIDATION_FAILED'));
    else if (method !== 'start' && !templates) ack?.(fail('PRESENTATION_NOT_RUNNING'));
    else ack?.({ ok: true, data: methods[method](data) });
  });
});

listenWithProbe(httpServer, io);
