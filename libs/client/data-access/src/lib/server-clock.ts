import { type WritableSignal, signal } from '@angular/core';
import type { Ack } from '@phonghop/contracts';

/** What a clock needs from the wire: `clock:sync` round trips, and word of a reconnect (to measure again). */
export interface ClockSource {
  clockSync(): Promise<Ack<{ serverTime: number }>>;
  onReconnect(handler: () => void): () => void;
}

/** One `clock:sync` round trip, in the device's clock (ms) except `serverTime`. */
export interface ClockSample {
  sentAt: number;
  receivedAt: number;
  serverTime: number;
}

/**
 * The device's clock offset from the server's (server = device + offset), from the round trip with the smallest
 * RTT: the server read its clock about half-way through that trip, so at `receivedAt` it read `serverTime + rtt/2`.
 * Null when there is no usable sample.
 */
export function clockOffset(samples: readonly ClockSample[]): number | null {
  let best: ClockSample | null = null;
  for (const s of samples) {
    const rtt = s.receivedAt - s.sentAt;
    if (rtt < 0 || !Number.isFinite(s.serverTime)) continue;
    if (!best || rtt < best.receivedAt - best.sentAt) best = s;
  }
  if (!best) return null;
  const rtt = best.receivedAt - best.sentAt;
  return Math.round(best.serverTime + rtt / 2 - best.receivedAt);
}

export interface ServerClockOptions {
  /** Round trips per measurement. */
  samples?: number;
  /** Measure again this often (ms) besides after every reconnect; 0 = never. */
  remeasureMs?: number;
  /** The device's clock (tests). */
  now?: () => number;
}

/**
 * The server's time on this device: countdowns that are right on a tablet whose own clock is minutes off. Measures
 * its offset with a few `clock:sync` round trips (keeping the one with the smallest RTT), again after every
 * reconnect and every few minutes. `tick` is the server time, refreshed on each whole server second, for countdowns.
 * The app's clock (`inject(AppServerClock)`) uses the tab's realtime socket; a hall display makes its own over its socket.
 */
export class ServerClock {
  private readonly offsetSignal = signal(0);
  private readonly syncedSignal = signal(false);
  private readonly tickSignal: WritableSignal<number>;
  private readonly samples: number;
  private readonly remeasureMs: number;
  private readonly deviceNow: () => number;
  private started = false;
  private closed = false;
  private measuring: Promise<void> | null = null;
  private tickTimer: ReturnType<typeof setTimeout> | null = null;
  private remeasureTimer: ReturnType<typeof setInterval> | null = null;
  private unsubscribe: (() => void) | null = null;

  /** Server − device, in ms. */
  readonly offset = this.offsetSignal.asReadonly();
  /** At least one measurement succeeded. */
  readonly synced = this.syncedSignal.asReadonly();
  /** Server time (ms), updated on each whole server second once `start()` was called. */
  readonly tick: () => number;

  constructor(
    private readonly source: ClockSource,
    options: ServerClockOptions = {},
  ) {
    this.samples = options.samples ?? 5;
    this.remeasureMs = options.remeasureMs ?? 10 * 60_000;
    this.deviceNow = options.now ?? (() => Date.now());
    this.tickSignal = signal(this.deviceNow());
    this.tick = this.tickSignal.asReadonly();
  }

  /** Server time now (ms). */
  now(): number {
    return this.deviceNow() + this.offsetSignal();
  }

  /** Measures, ticks, and measures again after reconnects (idempotent). */
  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    this.unsubscribe = this.source.onReconnect(() => void this.measure());
    if (this.remeasureMs > 0) this.remeasureTimer = setInterval(() => void this.measure(), this.remeasureMs);
    this.scheduleTick();
    void this.measure();
  }

  /** One measurement: `samples` round trips in a row; a failed trip is skipped, all failing keeps the old offset. */
  measure(): Promise<void> {
    this.measuring ??= this.run().finally(() => (this.measuring = null));
    return this.measuring;
  }

  close(): void {
    this.closed = true;
    this.unsubscribe?.();
    if (this.tickTimer) clearTimeout(this.tickTimer);
    if (this.remeasureTimer) clearInterval(this.remeasureTimer);
    this.tickTimer = this.remeasureTimer = null;
  }

  private async run(): Promise<void> {
    const taken: ClockSample[] = [];
    for (let i = 0; i < this.samples && !this.closed; i++) {
      const sentAt = this.deviceNow();
      const ack = await this.source.clockSync();
      const receivedAt = this.deviceNow();
      if (ack.ok) taken.push({ sentAt, receivedAt, serverTime: ack.data.serverTime });
    }
    const offset = clockOffset(taken);
    if (offset === null || this.closed) return;
    this.offsetSignal.set(offset);
    this.syncedSignal.set(true);
    this.tickSignal.set(this.now());
  }

  private scheduleTick(): void {
    if (this.closed) return;
    const now = this.now();
    this.tickSignal.set(now);
    // Wake just after the next whole server second, so every screen flips its countdown together.
    this.tickTimer = setTimeout(() => this.scheduleTick(), 1000 - (now % 1000) + 5);
  }
}
