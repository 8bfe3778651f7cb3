/**
 * The baseline for the realtime benchmark: plain socket.io 4.8 on node:http, nothing else. Same path,
 * transport and broadcast as phonghop's gateway, so the difference measured is what phonghop adds
 * (Nest, auth middleware, per-socket data, room hub). Speaks the bench-probe IPC protocol.
 *
 *   join   {meetingId}, ack   → joins the one room, acks {ok:true}
 *   notice {meetingId, notice}, ack → broadcasts room:delta exactly as phonghop does, acks {ok:true, data:{version}}
 *
 * With REDIS_URL: socket.io's Redis adapter (the one phonghop uses with several processes), so that a broadcast
 * reaches the clients of every bare process.
 */
import { createAdapter } from '@socket.io/redis-adapter';
import { createServer } from 'node:http';
import { createClient } from 'redis';
import { Server } from 'socket.io';

const port = Number(process.env.PORT);
const host = process.env.HOST ?? '127.0.0.1';
const ROOM = 'meeting';
// phonghop starts a room's version from the clock; do the same so the broadcast JSON has the same size.
let version = Date.now();

const httpServer = createServer((_req, res) => res.writeHead(404).end());
const io = new Server(httpServer, { path: '/api/realtime', serveClient: false });
if (process.env.REDIS_URL) {
  const pub = createClient({ url: process.env.REDIS_URL });
  const sub = pub.duplicate();
  await Promise.all([pub.connect(), sub.connect()]);
  io.adapter(createAdapter(pub, sub));
}

io.on('connection', (socket) => {
  socket.on('join', (_req, ack) => {
    void socket.join(ROOM);
    ack({ ok: true });
  });
  socket.on('notice', (req, ack) => {
    version += 1;
    const msg = { meetingId: req.meetingId, audience: 'everyone', version, delta: { slice: 'notice', change: { kind: 'set', notice: req.notice } } };
    io.to(ROOM).emit('room:delta', msg);
    ack({ ok: true, data: { version } });
  });
});

process.on('message', (msg) => {
  if (msg?.type !== 'measure') return;
  globalThis.gc?.();
  globalThis.gc?.();
  const m = process.memoryUsage();
  process.send?.({ type: 'measured', rss: m.rss, heapUsed: m.heapUsed, gc: typeof globalThis.gc === 'function' });
});
process.once('SIGTERM', () => {
  io.close();
  httpServer.close(() => process.exit(0));
});

httpServer.listen(port, host, () => process.send?.({ type: 'ready' }));
