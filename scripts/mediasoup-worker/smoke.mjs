// Smoke test of the mediasoup worker that scripts/mediasoup-worker/build.sh installed:
//   1. a worker starts and reports its version (the same as the mediasoup npm package);
//   2. a router with opus + VP8, a PlainTransport, getResourceUsage();
//   3. ffmpeg sends a generated VP8 test pattern as RTP into a PlainTransport
//      (rtcpMux: false, comedia: true); the stream then crosses two SRTP hops between
//      PlainTransports (AEAD_AES_256_GCM, then AES_CM_128_HMAC_SHA1_80: this exercises the
//      libsrtp 3 → libsrtp 2 adapter both ways), and a consumer on a last PlainTransport
//      forwards it to a UDP socket here, where RTP packets must arrive.
// Run with Node 24 from the repository root: node scripts/mediasoup-worker/smoke.mjs
// Installs Debian's ffmpeg when missing (needs root). Exits non-zero on any failure.
import { spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as mediasoup from 'mediasoup';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SEND_SECONDS = 4;
const VIDEO_PT = 101;
const VIDEO_SSRC = 22_222_222;

function fail(message) {
  console.error(`mediasoup smoke: FAILED: ${message}`);
  process.exit(1);
}

function ensureFfmpeg() {
  if (spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status === 0) return;
  console.log('mediasoup smoke: installing ffmpeg (apt-get)…');
  const r = spawnSync('bash', ['-c', 'source scripts/ensure-deps.sh && apt_install ffmpeg'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (r.status !== 0 || spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status !== 0) {
    fail('ffmpeg is missing and could not be installed (apt-get install ffmpeg)');
  }
}

/** Minimal RTP header check: version 2, payload type and SSRC. */
function parseRtp(buf) {
  if (buf.length < 12 || buf[0] >> 6 !== 2) return null;
  const payloadType = buf[1] & 0x7f;
  if (payloadType >= 72 && payloadType <= 76) return null; // RTCP (RFC 5761)
  return { payloadType, ssrc: buf.readUInt32BE(8), seq: buf.readUInt16BE(2) };
}

ensureFfmpeg();

const watchdog = setTimeout(() => fail('timed out after 60 s'), 60_000);
watchdog.unref();

// 1. Worker and its version, from the worker's own start-up log line.
const debugLines = [];
mediasoup.setLogEventListeners({ ondebug: (_namespace, log) => debugLines.push(log) });
const worker = await mediasoup.createWorker({ logLevel: 'debug', logTags: ['info'] });
worker.on('died', (error) => fail(`worker died: ${error.message}`));
const started = Date.now();
while (!debugLines.some((l) => l.includes('[version:')) && Date.now() - started < 5000) {
  await new Promise((resolve) => setTimeout(resolve, 50));
}
const versionLine = debugLines.find((l) => l.includes('[version:'));
const workerVersion = versionLine?.match(/\[version:([^\]]+)\]/)?.[1];
await worker.updateSettings({ logLevel: 'warn' });
mediasoup.setLogEventListeners(undefined);
console.log(`mediasoup smoke: npm package ${mediasoup.version}, worker pid ${worker.pid} reports version ${workerVersion}`);
console.log(`mediasoup smoke: worker binary ${mediasoup.workerBin}`);
if (workerVersion !== mediasoup.version) fail(`worker version ${workerVersion} != ${mediasoup.version}`);

// 2. Router (opus + VP8), transports, resource usage.
const router = await worker.createRouter({
  mediaCodecs: [
    { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
    { kind: 'video', mimeType: 'video/VP8', clockRate: 90000 },
  ],
});
const codecs = router.rtpCapabilities.codecs.map((c) => c.mimeType);
console.log(`mediasoup smoke: router ${router.id} codecs ${codecs.join(', ')}`);
if (!codecs.includes('video/VP8') || !codecs.includes('audio/opus')) fail('router lacks VP8 or opus');

const listenInfo = { protocol: 'udp', ip: '127.0.0.1' };
const ingest = await router.createPlainTransport({ listenInfo, rtcpMux: false, comedia: true });
const rtpPort = ingest.tuple.localPort;
const rtcpPort = ingest.rtcpTuple.localPort;
console.log(`mediasoup smoke: ingest PlainTransport RTP ${rtpPort}, RTCP ${rtcpPort}`);

const usage = await worker.getResourceUsage();
console.log(`mediasoup smoke: getResourceUsage ru_maxrss=${usage.ru_maxrss} KiB, ru_utime=${usage.ru_utime} ms`);
if (typeof usage.ru_maxrss !== 'number' || usage.ru_maxrss <= 0) fail('getResourceUsage() returned no ru_maxrss');

// 3. ffmpeg → producer → consumer → UDP socket here.
const producer = await ingest.produce({
  kind: 'video',
  rtpParameters: {
    codecs: [{ mimeType: 'video/VP8', payloadType: VIDEO_PT, clockRate: 90000 }],
    encodings: [{ ssrc: VIDEO_SSRC }],
  },
});

/** Consumes `source` on one SRTP PlainTransport, sends it to another and produces it there. */
async function srtpHop(source, srtpCryptoSuite) {
  const options = { listenInfo, rtcpMux: true, comedia: false, enableSrtp: true, srtpCryptoSuite };
  const out = await router.createPlainTransport(options);
  const into = await router.createPlainTransport(options);
  await out.connect({ ip: '127.0.0.1', port: into.tuple.localPort, srtpParameters: into.srtpParameters });
  await into.connect({ ip: '127.0.0.1', port: out.tuple.localPort, srtpParameters: out.srtpParameters });
  const consumer = await out.consume({ producerId: source.id, rtpCapabilities: router.rtpCapabilities });
  const produced = await into.produce({ kind: consumer.kind, rtpParameters: consumer.rtpParameters });
  return { suite: srtpCryptoSuite, out, into, produced };
}
const hops = [];
hops.push(await srtpHop(producer, 'AEAD_AES_256_GCM'));
hops.push(await srtpHop(hops[0].produced, 'AES_CM_128_HMAC_SHA1_80'));

const sink = createSocket('udp4');
sink.bind(0, '127.0.0.1');
await once(sink, 'listening');
const egress = await router.createPlainTransport({ listenInfo, rtcpMux: true, comedia: false });
await egress.connect({ ip: '127.0.0.1', port: sink.address().port });
const consumer = await egress.consume({ producerId: hops[1].produced.id, rtpCapabilities: router.rtpCapabilities });
const consumedPt = consumer.rtpParameters.codecs[0].payloadType;
const consumedSsrc = consumer.rtpParameters.encodings[0].ssrc;

let received = 0;
let receivedBytes = 0;
const others = new Map(); // e.g. the worker's bandwidth probation packets (SSRC 1234)
sink.on('message', (msg) => {
  const rtp = parseRtp(msg);
  if (!rtp) return;
  if (rtp.payloadType === consumedPt && rtp.ssrc === consumedSsrc) {
    received += 1;
    receivedBytes += msg.length;
  } else {
    const key = `PT ${rtp.payloadType} SSRC ${rtp.ssrc}`;
    others.set(key, (others.get(key) ?? 0) + 1);
  }
});

const ffmpegArgs = [
  '-hide_banner', '-loglevel', 'error', '-nostdin', '-re',
  '-f', 'lavfi', '-i', `testsrc=size=320x240:rate=15:duration=${SEND_SECONDS}`,
  '-an', '-c:v', 'libvpx', '-b:v', '300k', '-deadline', 'realtime', '-cpu-used', '8', '-g', '15',
  '-payload_type', String(VIDEO_PT), '-ssrc', String(VIDEO_SSRC),
  '-f', 'rtp', `rtp://127.0.0.1:${rtpPort}?rtcpport=${rtcpPort}&pkt_size=1200`,
];
const ffmpeg = spawn('ffmpeg', ffmpegArgs, { stdio: ['ignore', 'ignore', 'pipe'] });
let ffmpegErr = '';
ffmpeg.stderr.on('data', (d) => (ffmpegErr += d));
const [ffmpegCode] = await once(ffmpeg, 'exit');
await new Promise((resolve) => setTimeout(resolve, 500)); // last packets in flight

const producerStats = await producer.getStats();
const consumerStats = await consumer.getStats();
const producedPackets = producerStats.reduce((n, s) => n + (s.packetCount ?? 0), 0);
const consumedPackets = consumerStats
  .filter((s) => s.type === 'outbound-rtp')
  .reduce((n, s) => n + (s.packetCount ?? 0), 0);

console.log(`mediasoup smoke: ffmpeg exited ${ffmpegCode}${ffmpegErr ? `: ${ffmpegErr.trim()}` : ''}`);
console.log(`mediasoup smoke: producer received ${producedPackets} RTP packets from ffmpeg (ingest ${ingest.tuple.remotePort ? `from port ${ingest.tuple.remotePort}` : 'no remote'})`);
const hopPackets = [];
for (const hop of hops) {
  const sent = (await hop.out.getStats())[0];
  const got = (await hop.into.getStats())[0];
  const packets = (await hop.produced.getStats()).reduce((n, st) => n + (st.packetCount ?? 0), 0);
  hopPackets.push(packets);
  console.log(
    `mediasoup smoke: SRTP hop ${hop.suite}: sent ${sent.bytesSent} bytes, received ${got.bytesReceived} bytes, ` +
      `${packets} RTP packets decrypted into the next producer`,
  );
}
console.log(`mediasoup smoke: consumer sent ${consumedPackets} RTP packets (PT ${consumedPt}, SSRC ${consumedSsrc})`);
const otherText = [...others].map(([key, n]) => `${n} × ${key}`).join(', ') || 'none';
console.log(`mediasoup smoke: UDP sink received ${received} RTP packets of the consumer, ${receivedBytes} bytes (other RTP: ${otherText})`);
const after = await worker.getResourceUsage();
console.log(`mediasoup smoke: getResourceUsage after: ru_maxrss=${after.ru_maxrss} KiB, ru_utime=${after.ru_utime} ms`);

sink.close();
worker.close();

if (ffmpegCode !== 0) fail(`ffmpeg exited with ${ffmpegCode}`);
if (producedPackets === 0) fail('the producer received no RTP from ffmpeg');
hops.forEach((hop, i) => {
  if (hopPackets[i] === 0) fail(`nothing crossed the SRTP hop ${hop.suite}`);
});
if (received === 0) fail('no RTP packet reached the consumer\'s UDP socket');
console.log('mediasoup smoke: OK');
process.exit(0);
