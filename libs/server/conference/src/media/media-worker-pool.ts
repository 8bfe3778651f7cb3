import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { createWorker } from 'mediasoup';
import type { TransportListenInfo, WebRtcServer, WebRtcTransportOptions, Worker } from './mediasoup-types';
import { Subject } from 'rxjs';
import { CONFERENCE_OPTIONS, type ConferenceOptions } from '../conference.options';
import { cpuShare, ESTIMATED_COST_PER_CONSUMER, ESTIMATED_COST_PER_TRANSPORT, pickWorker, type WorkerLoad } from './worker-load';

interface WorkerSlot {
  index: number;
  worker: Worker | null;
  webRtcServer: WebRtcServer | null;
  /** Bumped on every restart, so stale references can tell they belong to a dead worker. */
  generation: number;
  cpu: number;
  pending: number;
  lastCpuMs: number;
  lastSampleAt: number;
}

export interface MediaWorkerRef {
  index: number;
  generation: number;
  worker: Worker;
}

const RESTART_DELAYS_MS = [0, 500, 2000, 5000];
/** A spare taken by a restart is replaced after this pause, so its start-up does not compete with the recovery. */
const SPARE_REFILL_MS = 2000;

/**
 * The mediasoup worker processes: one per configured core, sampled for CPU, restarted when one dies. Rooms ask
 * it where to put new media (`place`) and learn of restarts through `restarted$` to rebuild what they had there.
 * With `spareWorker`, one more worker waits idle and takes a dead one's place at once: starting a process took
 * 0.1–0.7 s on a busy 2-core machine, and every client of the conference waits for it before it can send again.
 */
@Injectable()
export class MediaWorkerPool implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('MediaWorkerPool');
  private readonly slots: WorkerSlot[] = [];
  private sampler: ReturnType<typeof setInterval> | undefined;
  private closing = false;
  /** The idle worker that replaces the next one to die (starting, ready, or null when there is none). */
  private spare: Promise<Worker | null> | null = null;
  private spareRefill: ReturnType<typeof setTimeout> | undefined;
  /** Index of a worker that died and is running again (with a new generation). */
  readonly restarted$ = new Subject<MediaWorkerRef>();
  /** Index of a worker that just died; its routers and transports are gone. */
  readonly died$ = new Subject<number>();

  constructor(@Inject(CONFERENCE_OPTIONS) private readonly options: ConferenceOptions) {}

  get enabled(): boolean {
    return this.options.workers > 0;
  }

  async onModuleInit(): Promise<void> {
    for (let index = 0; index < this.options.workers; index++) {
      const slot: WorkerSlot = { index, worker: null, webRtcServer: null, generation: 0, cpu: 0, pending: 0, lastCpuMs: 0, lastSampleAt: Date.now() };
      this.slots.push(slot);
      await this.start(slot);
    }
    if (this.slots.length && this.options.spareWorker) this.prepareSpare();
    if (this.slots.length) {
      this.sampler = setInterval(() => void this.sample(), this.options.loadSampleMs);
      this.sampler.unref();
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    clearInterval(this.sampler);
    clearTimeout(this.spareRefill);
    for (const slot of this.slots) slot.worker?.close();
    (await this.spare)?.close();
    this.spare = null;
  }

  /** The process id of the idle spare worker, once it is running (for tests). */
  async sparePid(): Promise<number | null> {
    return (await this.spare)?.pid ?? null;
  }

  /** The worker for new media, preferring `preferred` while it has headroom. Counts the placement's cost. */
  place(what: 'transport' | 'consumer', preferred?: number): MediaWorkerRef {
    const index = pickWorker(this.loads(), preferred);
    const slot = this.slots[index];
    slot.pending += what === 'consumer' ? ESTIMATED_COST_PER_CONSUMER : ESTIMATED_COST_PER_TRANSPORT;
    return this.ref(slot);
  }

  /** Resolves once at least one worker is up (after a crash of all of them, when the first is back). */
  async anyWorkerUp(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.loads().every((w) => w.down)) {
      if (this.closing || Date.now() >= deadline) return false;
      await new Promise((r) => setTimeout(r, 50));
    }
    return true;
  }

  /** A specific worker, if it is up. */
  get(index: number): MediaWorkerRef | null {
    const slot = this.slots[index];
    return slot?.worker && !slot.worker.closed ? this.ref(slot) : null;
  }

  isCurrent(ref: { index: number; generation: number }): boolean {
    const slot = this.slots[ref.index];
    return !!slot?.worker && !slot.worker.closed && slot.generation === ref.generation;
  }

  /** For /api/health: how many workers are configured and how many are running now (a restart shows as down). */
  health(): { configured: number; up: number } {
    return { configured: this.slots.length, up: this.loads().filter((w) => !w.down).length };
  }

  loads(): WorkerLoad[] {
    return this.slots.map((s) => ({ index: s.index, cpu: s.cpu, pending: s.pending, down: !s.worker || s.worker.closed }));
  }

  /** Where a WebRtcTransport listens: the worker's shared WebRtcServer, or its own ports (UDP preferred, TCP fallback). */
  webRtcTransportOptions(index: number): WebRtcTransportOptions {
    const common = { enableUdp: true, enableTcp: true, preferUdp: true, initialAvailableOutgoingBitrate: 600_000 };
    const server = this.slots[index]?.webRtcServer;
    if (server) return { ...common, webRtcServer: server };
    const announcedAddress = this.options.announcedAddress;
    const listen = (protocol: 'udp' | 'tcp') => ({
      protocol,
      ip: this.options.listenIp,
      ...(announcedAddress ? { announcedAddress } : {}),
      portRange: { min: this.options.rtcMinPort, max: this.options.rtcMaxPort },
    });
    return { ...common, listenInfos: [listen('udp'), listen('tcp')] };
  }

  /**
   * Where a cascade PipeTransport listens: on the media address, as other servers reach it across the LAN/WAN,
   * announcing CONFERENCE_ANNOUNCED_ADDRESS (required there when listening on 0.0.0.0).
   */
  pipeListenInfo(): TransportListenInfo {
    const announcedAddress = this.options.announcedAddress ?? (this.options.listenIp === '0.0.0.0' ? '127.0.0.1' : undefined);
    return {
      protocol: 'udp',
      ip: this.options.listenIp,
      ...(announcedAddress ? { announcedAddress } : {}),
      portRange: { min: this.options.rtcMinPort, max: this.options.rtcMaxPort },
    };
  }

  /** Where plain RTP transports (ffmpeg in and out, on this machine) listen. */
  get plainListenIp(): string {
    return this.options.listenIp === '0.0.0.0' ? '127.0.0.1' : this.options.listenIp;
  }

  /** For tests and the operator: kill a worker process as a crash would. */
  crash(index: number): void {
    const pid = this.slots[index]?.worker?.pid;
    if (pid) process.kill(pid, 'SIGKILL');
  }

  private ref(slot: WorkerSlot): MediaWorkerRef {
    if (!slot.worker) throw new Error(`media worker ${slot.index} is not running`);
    return { index: slot.index, generation: slot.generation, worker: slot.worker };
  }

  private spawn(): Promise<Worker> {
    return createWorker({ logLevel: 'warn', rtcMinPort: this.options.rtcMinPort, rtcMaxPort: this.options.rtcMaxPort });
  }

  private prepareSpare(): void {
    const spare = this.spawn().then(
      (worker) => {
        worker.on('died', (error) => {
          if (this.spare !== spare || this.closing) return;
          this.logger.error({ pid: worker.pid, err: error }, 'spare media worker died; starting another');
          this.spare = null;
          this.refillSpare();
        });
        if (this.closing) worker.close();
        return worker;
      },
      (err: unknown) => {
        // Restarts still work without a spare, only slower.
        this.logger.error({ err }, 'spare media worker did not start');
        return null;
      },
    );
    this.spare = spare;
  }

  private refillSpare(): void {
    clearTimeout(this.spareRefill);
    this.spareRefill = setTimeout(() => {
      if (!this.closing && !this.spare) this.prepareSpare();
    }, SPARE_REFILL_MS);
    this.spareRefill.unref();
  }

  /** The spare, if one is running; taking it schedules the next. */
  private async takeSpare(): Promise<Worker | null> {
    const pending = this.spare;
    if (!pending) return null;
    this.spare = null;
    this.refillSpare();
    const worker = await pending;
    return worker && !worker.closed ? worker : null;
  }

  private async start(slot: WorkerSlot, useSpare = false): Promise<void> {
    const worker = (useSpare ? await this.takeSpare() : null) ?? (await this.spawn());
    slot.worker = worker;
    slot.generation += 1;
    slot.cpu = 0;
    slot.pending = 0;
    slot.lastCpuMs = 0;
    slot.lastSampleAt = Date.now();
    if (this.options.webRtcServerPort) {
      const port = this.options.webRtcServerPort + slot.index;
      const info = (protocol: 'udp' | 'tcp') => ({
        protocol,
        ip: this.options.listenIp,
        port,
        ...(this.options.announcedAddress ? { announcedAddress: this.options.announcedAddress } : {}),
      });
      slot.webRtcServer = await worker.createWebRtcServer({ listenInfos: [info('udp'), info('tcp')] });
    }
    worker.on('died', (error) => void this.onDied(slot, worker, error));
    this.logger.log({ index: slot.index, pid: worker.pid }, 'media worker started');
  }

  private async onDied(slot: WorkerSlot, worker: Worker, error: Error): Promise<void> {
    if (this.closing || slot.worker !== worker) return;
    this.logger.error({ index: slot.index, pid: worker.pid, err: error }, 'media worker died; restarting');
    slot.worker = null;
    slot.webRtcServer = null;
    this.died$.next(slot.index);
    for (const delay of RESTART_DELAYS_MS) {
      if (delay) await new Promise((r) => setTimeout(r, delay));
      if (this.closing) return;
      try {
        await this.start(slot, true);
        this.restarted$.next(this.ref(slot));
        return;
      } catch (err) {
        this.logger.error({ index: slot.index, err }, 'media worker restart failed');
      }
    }
  }

  private async sample(): Promise<void> {
    await Promise.all(
      this.slots.map(async (slot) => {
        const worker = slot.worker;
        if (!worker || worker.closed) return;
        try {
          const usage = await worker.getResourceUsage();
          const now = Date.now();
          const cpuMs = usage.ru_utime + usage.ru_stime;
          if (slot.lastCpuMs) slot.cpu = cpuShare(slot.lastCpuMs, cpuMs, now - slot.lastSampleAt);
          slot.lastCpuMs = cpuMs;
          slot.lastSampleAt = now;
          slot.pending = 0;
        } catch {
          // A worker dying between the check and the request: its restart resets the figures.
        }
      }),
    );
  }
}
