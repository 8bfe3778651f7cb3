import { type ChildProcess, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { writeFile } from 'node:fs/promises';
import type { ConferenceRoom, PlainConsumer, RecordingSources } from '../room/conference-room';
import { recordingArgs, recordingSdp, type SdpStream } from './recording-sdp';

/** An even UDP port with the next one free too (RTP and RTCP), on loopback, for ffmpeg to listen on. */
async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20000 + 2 * Math.floor(Math.random() * 9000);
    const sockets = [createSocket('udp4'), createSocket('udp4')];
    const bound = await Promise.all(
      sockets.map(
        (s, i) =>
          new Promise<boolean>((resolve) => {
            s.once('error', () => resolve(false));
            s.bind(port + i, '127.0.0.1', () => resolve(true));
          }),
      ),
    );
    for (const s of sockets) s.close();
    if (bound.every(Boolean)) return port;
  }
  throw new Error('no free UDP port pair for the recorder');
}

/**
 * One stretch of a recording with fixed sources: the room sends them as plain RTP to an ffmpeg on loopback,
 * which writes a WebM file. When the spotlight moves, the recorder ends this segment and starts another.
 */
export class RecordingSegment {
  private stderr = '';

  private constructor(
    private readonly ffmpeg: ChildProcess,
    private readonly consumers: PlainConsumer[],
    readonly file: string,
  ) {
    ffmpeg.stderr?.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-2000)));
  }

  static async start(room: ConferenceRoom, sources: RecordingSources, file: string): Promise<RecordingSegment> {
    const consumers: PlainConsumer[] = [];
    const streams: SdpStream[] = [];
    try {
      for (const producerId of [sources.video, ...sources.audio].filter((x): x is string => !!x)) {
        const port = await freePortPair();
        const c = await room.consumePlain(producerId, '127.0.0.1', port, port + 1);
        consumers.push(c);
        const codec = c.rtpParameters.codecs[0];
        streams.push({
          kind: c.kind,
          port,
          payloadType: codec.payloadType,
          codec: codec.mimeType.split('/')[1],
          clockRate: codec.clockRate,
          ...(codec.channels ? { channels: codec.channels } : {}),
        });
      }
      const sdpFile = `${file}.sdp`;
      await writeFile(sdpFile, recordingSdp(streams));
      const ffmpeg = spawn('ffmpeg', recordingArgs(sdpFile, streams, file), { stdio: ['ignore', 'ignore', 'pipe'] });
      const segment = new RecordingSegment(ffmpeg, consumers, file);
      // ffmpeg needs a key frame to start the video; ask a few times while it opens its ports.
      for (const delay of [500, 1500, 3000]) {
        setTimeout(() => consumers.forEach((c) => void c.requestKeyFrame()), delay).unref();
      }
      return segment;
    } catch (err) {
      for (const c of consumers) c.close();
      throw err;
    }
  }

  /** Ends the file cleanly (SIGINT lets ffmpeg write the WebM cues), then stops the RTP. */
  async stop(): Promise<{ ok: boolean; error: string }> {
    const exited = new Promise<number | null>((resolve) => {
      if (this.ffmpeg.exitCode !== null) resolve(this.ffmpeg.exitCode);
      else this.ffmpeg.once('exit', (code) => resolve(code));
    });
    this.ffmpeg.kill('SIGINT');
    const timer = setTimeout(() => this.ffmpeg.kill('SIGKILL'), 10_000);
    const code = await exited;
    clearTimeout(timer);
    for (const c of this.consumers) c.close();
    // ffmpeg exits 255 when interrupted by a signal after writing the file properly.
    return { ok: code === 0 || code === 255, error: this.stderr.trim() };
  }
}
