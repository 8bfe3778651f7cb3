/**
 * The baseline for the floor benchmark: plain socket.io 4.8 on node:http. `give {meetingId, userId}` broadcasts
 * the very messages phonghop's "give the floor" sends (the speakers list, then the speaker, as room:delta with the
 * same shape and sizes), without authorization, rules or a database write: the difference measured is what
 * phonghop adds to a chair action. Speaks the bench-probe IPC protocol (ready, measure).
 *
 *   join {meetingId}, ack        → joins the one room, acks {ok:true}
 *   give {meetingId, userId, name}, ack → broadcasts two room:delta messages, acks {ok:true, data:{floorVersion}}
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { listenWithProbe } from './lib/bare-probe.mjs';

const port = Number(process.env.PORT);
const host = process.env.HOST ?? '127.0.0.1';
const ROOM = 'meeting';
let version = Date.now();
let floorVersion = 0;

const httpServer = createServer((_req, res) => res.writeHead(404).end());
const io = new Server(httpServer, { path: '/api/realtime', serveClient: false });

const delta = (meetingId, change) => ({ meetingId, audience: 'everyone', version: ++version, delta: { slice: 'floor', change } });

io.on('connection', (socket) => {
  socket.on('join', (_req, ack) => {
    void socket.join(ROOM);
    ack({ ok: true });
  });
  socket.on('give', (req, ack) => {
    const now = new Date().toISOString();
    const speaker = { id: randomUUID(), userId: req.userId, name: req.name, unitName: req.unitName, siteId: req.siteId, kind: 'speech', topic: null, requestedAt: now, startedAt: now, allottedSeconds: 120 };
    io.to(ROOM).emit('room:delta', delta(req.meetingId, { kind: 'queue', queue: [] }));
    io.to(ROOM).emit('room:delta', delta(req.meetingId, { kind: 'speaker', speaker }));
    ack({ ok: true, data: { floorVersion: ++floorVersion } });
  });
});

listenWithProbe(httpServer, io, port, host);
