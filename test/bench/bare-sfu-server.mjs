/**
 * The baseline for `npm run bench:sfu`: mediasoup used directly, nothing of phonghop. One worker, one router
 * with the same two codecs as phonghop's (copied from libs/server/conference/src/media/media-codecs.ts, not
 * imported), a PlainTransport ingest (rtcpMux off, comedia, as phonghop's ingestPlain) and one PlainTransport
 * per consumer (rtcpMux, connected to the bench's sink, as phonghop's consumePlain).
 *
 * Forked by test/bench/sfu.bench.mjs with an IPC channel; speaks the same `{type:'sfu', id, cmd}` protocol as
 * apps/api/src/app/bench-probe.ts, and sends {type:'ready'} once its worker is up.
 */
import * as mediasoup from 'mediasoup';

const MEDIA_CODECS = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2, preferredPayloadType: 100 },
  {
    kind: 'video',
    mimeType: 'video/VP8',
    clockRate: 90000,
    preferredPayloadType: 101,
    parameters: { 'x-google-start-bitrate': 600 },
  },
];
const LISTEN_IP = '127.0.0.1';

if (!process.send) throw new Error('bare-sfu-server.mjs is meant to be forked with an IPC channel');

const worker = await mediasoup.createWorker({ logLevel: 'warn', rtcMinPort: 40000, rtcMaxPort: 49999 });
worker.on('died', () => process.exit(1));
const router = await worker.createRouter({ mediaCodecs: MEDIA_CODECS });
let producer;
const transports = [];

const commands = {
  async ingest({ ssrc, payloadType = 101 }) {
    const transport = await router.createPlainTransport({ listenInfo: { protocol: 'udp', ip: LISTEN_IP }, rtcpMux: false, comedia: true });
    producer = await transport.produce({
      kind: 'video',
      rtpParameters: { codecs: [{ mimeType: 'video/VP8', payloadType, clockRate: 90000 }], encodings: [{ ssrc }] },
    });
    return { producerId: producer.id, ip: LISTEN_IP, rtpPort: transport.tuple.localPort, rtcpPort: transport.rtcpTuple.localPort };
  },
  async consumers({ count, ip = '127.0.0.1', ports }) {
    if (!producer) throw new Error('no ingest yet');
    const placed = [];
    for (let i = 0; i < count; i++) {
      const transport = await router.createPlainTransport({ listenInfo: { protocol: 'udp', ip: LISTEN_IP }, rtcpMux: true, comedia: false });
      await transport.connect({ ip, port: ports[(transports.length) % ports.length] });
      const consumer = await transport.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities, paused: false });
      transports.push(transport);
      placed.push({ consumerId: consumer.id, workerIndex: 0 });
    }
    return { placed, total: transports.length };
  },
  async 'close-consumers'() {
    for (const t of transports.splice(0)) t.close();
    return { closed: true };
  },
  async usage() {
    return { workers: [{ index: 0, pid: worker.pid, usage: await worker.getResourceUsage() }] };
  },
};

process.on('message', (msg) => {
  if (msg?.type !== 'sfu') return;
  const run = commands[msg.cmd];
  Promise.resolve(run ? run(msg) : Promise.reject(new Error(`unknown command ${msg.cmd}`))).then(
    (data) => process.send({ type: 'sfu:reply', id: msg.id, ok: true, data }),
    (err) => process.send({ type: 'sfu:reply', id: msg.id, ok: false, error: err?.stack ?? String(err) }),
  );
});
process.on('SIGTERM', () => {
  worker.close();
  process.exit(0);
});
process.send({ type: 'ready' });
