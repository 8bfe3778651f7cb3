import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { ConferenceRecordingDto } from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import { execFile } from 'node:child_process';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { randomUUID } from 'node:crypto';
import { In, Repository } from 'typeorm';
import { CONFERENCE_OPTIONS, type ConferenceOptions } from '../conference.options';
import type { ConferenceRoom } from '../room/conference-room';
import { ConferenceRecordingEntity } from './recording.entity';
import { RecordingSegment } from './recording-segment';

const run = promisify(execFile);
const FINAL = 'recording.webm';

interface ActiveRecording {
  id: string;
  room: ConferenceRoom;
  dir: string;
  startedAt: Date;
  segments: string[];
  current: RecordingSegment | null;
  /** Segment switches run one after another. */
  chain: Promise<void>;
  unsubscribe: () => void;
  switchTimer?: ReturnType<typeof setTimeout>;
}

/**
 * Records a conference: the spotlighted video and the speaker's voice (else the chair's), through plain RTP to
 * ffmpeg (Debian's), as WebM under DATA_DIR/recordings/<meetingId>/<recordingId>/. A new segment starts whenever
 * the spotlight or the voice changes; at the end the segments are joined without re-encoding. After a crash, the segments already
 * written are joined at the next start, so a recording is not lost with the process.
 */
@Injectable()
export class ConferenceRecorder implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ConferenceRecorder');
  private readonly active = new Map<string, ActiveRecording>();

  constructor(
    @Inject(CONFERENCE_OPTIONS) private readonly options: ConferenceOptions,
    @InjectRepository(ConferenceRecordingEntity) private readonly recordings: Repository<ConferenceRecordingEntity>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const unfinished = await this.recordings.find({ where: { status: In(['recording', 'processing']) } });
    for (const r of unfinished) void this.finish(r.id, r.meetingId, r.startedAt, r.endedAt ?? r.updatedAt);
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.active.keys()].map((meetingId) => this.stop(meetingId).catch(() => undefined)));
  }

  isRecording(meetingId: string): boolean {
    return this.active.has(meetingId);
  }

  async start(room: ConferenceRoom, userId: string): Promise<string> {
    const existing = this.active.get(room.meetingId);
    if (existing) return existing.id;
    const sources = room.recordingSources();
    if (!sources.video && !sources.audio.length) throw new ApiError('CONFERENCE_NOTHING_TO_RECORD');
    const id = randomUUID();
    const dir = this.dirOf(room.meetingId, id);
    await mkdir(dir, { recursive: true });
    const startedAt = new Date();
    await this.recordings.insert({ id, meetingId: room.meetingId, startedById: userId, startedAt, endedAt: null, status: 'recording', fileName: null, durationSeconds: 0, error: null });
    const rec: ActiveRecording = { id, room, dir, startedAt, segments: [], current: null, chain: Promise.resolve(), unsubscribe: () => undefined };
    this.active.set(room.meetingId, rec);
    try {
      await this.nextSegment(rec);
    } catch (err) {
      this.active.delete(room.meetingId);
      await this.recordings.update({ id }, { status: 'failed', endedAt: new Date(), error: String((err as Error).message ?? err).slice(0, 500) });
      throw err;
    }
    // Follow the spotlight and the voice; a burst of changes (auto spotlight, mute and floor) makes one switch.
    rec.unsubscribe = room.onSourcesChange(() => {
      clearTimeout(rec.switchTimer);
      rec.switchTimer = setTimeout(() => {
        rec.chain = rec.chain.then(() => this.nextSegment(rec)).catch((err: unknown) => this.logger.error({ err, recordingId: id }, 'recording segment failed'));
      }, 800);
    });
    room.setRecording(true);
    return id;
  }

  async stop(meetingId: string): Promise<void> {
    const rec = this.active.get(meetingId);
    if (!rec) return;
    this.active.delete(meetingId);
    clearTimeout(rec.switchTimer);
    rec.unsubscribe();
    await rec.chain;
    await this.endSegment(rec);
    rec.room.setRecording(false);
    const endedAt = new Date();
    await this.recordings.update({ id: rec.id }, { status: 'processing', endedAt });
    await this.finish(rec.id, meetingId, rec.startedAt, endedAt);
  }

  async list(meetingId: string): Promise<ConferenceRecordingDto[]> {
    const rows = await this.recordings.find({ where: { meetingId }, order: { startedAt: 'DESC' } });
    return Promise.all(rows.map(async (r) => ({ ...toDto(r), sizeBytes: r.status === 'ready' ? await this.sizeOf(r) : null })));
  }

  /** The finished file of a recording of this meeting. */
  async file(meetingId: string, recordingId: string): Promise<{ path: string; fileName: string }> {
    const r = await this.recordings.findOne({ where: { id: recordingId, meetingId } });
    if (!r) throw new ApiError('NOT_FOUND');
    if (r.status !== 'ready' || !r.fileName) throw new ApiError('CONFERENCE_RECORDING_NOT_READY');
    return { path: join(this.dirOf(meetingId, r.id), FINAL), fileName: r.fileName };
  }

  private async nextSegment(rec: ActiveRecording): Promise<void> {
    await this.endSegment(rec);
    const sources = rec.room.recordingSources();
    if (!sources.video && !sources.audio.length) return;
    const file = join(rec.dir, `segment-${String(rec.segments.length + 1).padStart(3, '0')}.webm`);
    rec.current = await RecordingSegment.start(rec.room, sources, file);
    rec.segments.push(file);
  }

  private async endSegment(rec: ActiveRecording): Promise<void> {
    const current = rec.current;
    rec.current = null;
    if (!current) return;
    const result = await current.stop();
    if (!result.ok) this.logger.warn({ recordingId: rec.id, error: result.error }, 'recording segment ended with an error');
  }

  /** Joins the segments (no re-encoding) into the final file and marks the recording ready, or failed. */
  private async finish(id: string, meetingId: string, startedAt: Date, endedAt: Date): Promise<void> {
    const dir = this.dirOf(meetingId, id);
    try {
      const segments = await this.segmentsIn(dir);
      if (!segments.length) throw new Error('no media was recorded');
      const out = join(dir, FINAL);
      if (segments.length === 1) await rename(segments[0], out);
      else {
        const list = join(dir, 'segments.txt');
        await writeFile(list, segments.map((s) => `file '${s.replace(/'/g, "'\\''")}'`).join('\n') + '\n');
        await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-nostdin', '-f', 'concat', '-safe', '0', '-i', list, '-c', 'copy', '-y', out]);
        for (const s of segments) await rm(s, { force: true });
      }
      const date = startedAt.toISOString().slice(0, 16).replace(/[-:T]/g, '');
      await this.recordings.update(
        { id },
        { status: 'ready', endedAt, fileName: `ghi-hinh-hoi-nghi-${date}.webm`, durationSeconds: Math.max(0, Math.round((endedAt.getTime() - startedAt.getTime()) / 1000)), error: null },
      );
    } catch (err) {
      this.logger.error({ err, recordingId: id }, 'recording could not be finished');
      await this.recordings.update({ id }, { status: 'failed', endedAt, error: String((err as Error).message ?? err).slice(0, 500) });
    }
  }

  private async segmentsIn(dir: string): Promise<string[]> {
    const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /^segment-\d+\.webm$/.test(n)).sort();
    const kept: string[] = [];
    for (const n of names) if ((await stat(join(dir, n))).size > 0) kept.push(join(dir, n));
    return kept;
  }

  private async sizeOf(r: ConferenceRecordingEntity): Promise<number | null> {
    return stat(join(this.dirOf(r.meetingId, r.id), FINAL)).then(
      (s) => s.size,
      () => null,
    );
  }

  private dirOf(meetingId: string, recordingId: string): string {
    return join(resolve(this.options.dataDir), 'recordings', meetingId, recordingId);
  }
}

function toDto(r: ConferenceRecordingEntity): Omit<ConferenceRecordingDto, 'sizeBytes'> {
  return {
    id: r.id,
    meetingId: r.meetingId,
    startedAt: r.startedAt.toISOString(),
    endedAt: r.endedAt?.toISOString() ?? null,
    status: r.status,
    durationSeconds: r.durationSeconds,
    error: r.error,
  };
}
