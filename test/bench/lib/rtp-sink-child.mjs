/**
 * The RTP receiver of bench:sfu, as its own process (forked by rtp-sink.mjs) so that it neither slows down nor
 * is slowed down by the harness. Binds `SINK_SOCKETS` UDP sockets on 127.0.0.1 (each with a 4 MB receive
 * buffer, so that a short stall of this process on the shared machine does not drop packets) and counts the
 * RTP packets of the consumers' payload type per SSRC, with extended sequence numbers: within a measuring
 * window, `count` packets arrived out of `span` = highest − first + 1 sent (mediasoup keeps the sender's
 * gaps in a consumer's sequence numbers, so losses on the way in count as well).
 *
 * IPC: {type:'start', name} opens a window; {type:'read', name, id} answers {type:'read', id, name, ssrcs:
 * [[ssrc, count, span, lastArrivalAgoMs]], other} and closes it. Sends {type:'ready', ports} when bound.
 */
import { createSocket } from 'node:dgram';
import { once } from 'node:events';

const SOCKETS = Number(process.env.SINK_SOCKETS ?? 16);
const MEDIA_PT = Number(process.env.SINK_PAYLOAD_TYPE ?? 101);
const RECV_BUFFER = 4 * 1024 * 1024;

/** Per SSRC: highest extended sequence number seen, and the open windows' counters. */
const streams = new Map();
/** name → Map(ssrc → {count, first, highest}) */
const windows = new Map();
/** Packets that are not the consumers' media (e.g. the worker's bandwidth probation, PT 127 SSRC 1234). */
let other = 0;

function onPacket(msg) {
  if (msg.length < 12 || msg[0] >> 6 !== 2) return;
  const pt = msg[1] & 0x7f;
  if (pt >= 72 && pt <= 76) return; // RTCP (RFC 5761): the consumers' sender reports
  if (pt !== MEDIA_PT) {
    other++;
    return;
  }
  const ssrc = msg.readUInt32BE(8);
  const seq = msg.readUInt16BE(2);
  let s = streams.get(ssrc);
  let ext;
  if (!s) {
    ext = seq + 65536;
    s = { highest: ext, seq, at: 0 };
    streams.set(ssrc, s);
  } else {
    const delta = ((seq - s.seq + 32768) & 0xffff) - 32768;
    ext = s.highest + delta;
    if (ext > s.highest) {
      s.highest = ext;
      s.seq = seq;
    }
  }
  s.at = performance.now();
  for (const w of windows.values()) {
    const c = w.get(ssrc);
    if (!c) w.set(ssrc, { count: 1, first: ext, highest: ext });
    else {
      c.count++;
      if (ext > c.highest) c.highest = ext;
      if (ext < c.first) c.first = ext;
    }
  }
}

const ports = [];
for (let i = 0; i < SOCKETS; i++) {
  const socket = createSocket({ type: 'udp4', recvBufferSize: RECV_BUFFER });
  socket.on('message', onPacket);
  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  ports.push(socket.address().port);
}

process.on('message', (msg) => {
  if (msg?.type === 'start') {
    windows.set(msg.name, new Map());
    process.send({ type: 'started', id: msg.id });
  } else if (msg?.type === 'read') {
    const w = windows.get(msg.name) ?? new Map();
    windows.delete(msg.name);
    const now = performance.now();
    const ssrcs = [...w].map(([ssrc, c]) => [ssrc, c.count, c.highest - c.first + 1, Math.round(now - (streams.get(ssrc)?.at ?? 0))]);
    process.send({ type: 'read', id: msg.id, name: msg.name, ssrcs, other });
  } else if (msg?.type === 'forget') {
    // Consumers closed: their SSRCs are not coming back.
    streams.clear();
    process.send({ type: 'forgotten', id: msg.id });
  }
});
process.send({ type: 'ready', ports, recvBuffer: RECV_BUFFER });
