import { type ChildProcess, spawn } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { once } from 'node:events';

export const VP8_PAYLOAD_TYPE = 101;

/** Debian's ffmpeg sending a generated VP8 test pattern as RTP (RTCP on its own port, as ffmpeg does). */
export function ffmpegVp8(rtpPort: number, rtcpPort: number, ssrc: number, seconds: number): ChildProcess {
  return spawn(
    'ffmpeg',
    [
      '-hide_banner', '-loglevel', 'error', '-nostdin', '-re',
      '-f', 'lavfi', '-i', `testsrc=size=320x240:rate=15:duration=${seconds}`,
      '-an', '-c:v', 'libvpx', '-b:v', '300k', '-deadline', 'realtime', '-cpu-used', '8', '-g', '15',
      '-payload_type', String(VP8_PAYLOAD_TYPE), '-ssrc', String(ssrc),
      '-f', 'rtp', `rtp://127.0.0.1:${rtpPort}?rtcpport=${rtcpPort}&pkt_size=1200`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
}

/** A UDP socket counting the RTP packets (not RTCP) it receives, per SSRC. */
export async function rtpSink(): Promise<{ socket: Socket; port: number; packets: Map<number, number>; close(): void }> {
  const socket = createSocket('udp4');
  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  const packets = new Map<number, number>();
  socket.on('message', (msg) => {
    if (msg.length < 12 || msg[0] >> 6 !== 2) return;
    const pt = msg[1] & 0x7f;
    if (pt >= 72 && pt <= 76) return; // RTCP
    const ssrc = msg.readUInt32BE(8);
    packets.set(ssrc, (packets.get(ssrc) ?? 0) + 1);
  });
  return { socket, port: socket.address().port, packets, close: () => socket.close() };
}
