import { computed, signal } from '@angular/core';
import {
  applyRoomMessage,
  type ApiErrorBody,
  type MeetingRoomState,
  type RoomAudience,
  type RoomDeltaMessage,
  type RoomSnapshot,
} from '@phonghop/contracts';
import type { RoomTransport } from './room-transport';

export type RoomStatus = 'idle' | 'joining' | 'live' | 'resyncing' | 'error' | 'closed';

/** Waits before joining again after a join the server could not answer now (1 s, doubling, at most 10 s). */
export function rejoinDelay(failures: number): number {
  return Math.min(10_000, 1000 * 2 ** Math.max(0, failures - 1));
}

export interface MeetingRoomStoreOptions {
  /** Resyncs in a row that still leave a gap before we give up on deltas and take a fresh snapshot. */
  maxResyncAttempts?: number;
  /** The channel to follow: everyone's (default) or the hosts' (chair and secretaries only). */
  audience?: RoomAudience;
}

/**
 * One meeting room on the client: the server's versioned snapshot plus in-order deltas.
 * - A delta with version = ours + 1 is applied; an older one is ignored (already seen).
 * - A jump (gap) is buffered and triggers `room:resync` from our version; the answer is either the
 *   missed deltas or a full snapshot. Failing that (e.g. REALTIME_VERSION_GONE), we re-join.
 * - After a reconnect the server no longer has us in the room, so we re-join and take its snapshot.
 * - A join the server could not answer now (a 5xx such as MEETING_ROOM_MOVING while another API process takes the
 *   meeting over, or DATABASE_UNAVAILABLE; or no answer at all) is tried again by itself, 1 s then doubling to 10 s;
 *   a refusal (4xx) is not.
 * Deltas arriving while a join/resync is in flight are buffered and applied in version order after.
 */
export class MeetingRoomStore {
  private readonly snapshotSignal = signal<RoomSnapshot | null>(null);
  private readonly statusSignal = signal<RoomStatus>('idle');
  private readonly errorSignal = signal<ApiErrorBody | null>(null);

  readonly snapshot = this.snapshotSignal.asReadonly();
  readonly status = this.statusSignal.asReadonly();
  readonly error = this.errorSignal.asReadonly();
  readonly state = computed<MeetingRoomState | null>(() => this.snapshotSignal()?.state ?? null);
  readonly version = computed(() => this.snapshotSignal()?.version ?? 0);

  private pending: RoomDeltaMessage[] = [];
  /** Bumped by every join so answers to an outdated join/resync are dropped. */
  private generation = 0;
  private resyncAttempts = 0;
  private joinFailures = 0;
  private rejoinTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly maxResyncAttempts: number;
  readonly audience: RoomAudience;
  private readonly unsubscribers: (() => void)[];

  constructor(
    private readonly transport: RoomTransport,
    readonly meetingId: string,
    options: MeetingRoomStoreOptions = {},
  ) {
    this.maxResyncAttempts = options.maxResyncAttempts ?? 3;
    this.audience = options.audience ?? 'everyone';
    this.unsubscribers = [
      transport.onDelta((msg) => this.receive(msg)),
      transport.onReconnect(() => void this.join()),
    ];
  }

  async join(): Promise<void> {
    if (this.statusSignal() === 'closed') return;
    const generation = ++this.generation;
    this.statusSignal.set('joining');
    this.resyncAttempts = 0;
    const ack = await this.transport.join({ meetingId: this.meetingId, audience: this.audience });
    if (generation !== this.generation || this.statusSignal() === 'closed') return;
    if (!ack.ok) {
      this.errorSignal.set(ack.error);
      this.statusSignal.set('error');
      const retryable = ack.error.statusCode === 0 || ack.error.statusCode >= 500;
      if (retryable) {
        if (this.rejoinTimer) clearTimeout(this.rejoinTimer);
        this.rejoinTimer = setTimeout(() => {
          this.rejoinTimer = null;
          if (generation === this.generation) void this.join();
        }, rejoinDelay(++this.joinFailures));
      }
      return;
    }
    this.joinFailures = 0;
    this.errorSignal.set(null);
    this.snapshotSignal.set(ack.data);
    this.statusSignal.set('live');
    this.drain();
  }

  /** Leaves the room and stops listening; the store cannot be reused afterwards. */
  close(): void {
    if (this.statusSignal() === 'closed') return;
    this.statusSignal.set('closed');
    this.generation++;
    if (this.rejoinTimer) clearTimeout(this.rejoinTimer);
    this.rejoinTimer = null;
    this.pending = [];
    for (const unsubscribe of this.unsubscribers) unsubscribe();
    this.transport.leave({ meetingId: this.meetingId, audience: this.audience }).catch(() => undefined);
  }

  private receive(msg: RoomDeltaMessage): void {
    if (msg.meetingId !== this.meetingId || msg.audience !== this.audience) return;
    const status = this.statusSignal();
    const current = this.snapshotSignal();
    if (status === 'joining' || status === 'resyncing') {
      this.pending.push(msg);
      return;
    }
    if (status !== 'live' || !current) return;
    const outcome = applyRoomMessage(current, msg);
    if (outcome.result === 'applied') {
      this.snapshotSignal.set(outcome.next);
    } else if (outcome.result === 'gap') {
      this.pending.push(msg);
      void this.resync();
    }
  }

  /** Applies buffered deltas in version order; anything still beyond a gap stays buffered. */
  private drain(): void {
    let next = this.snapshotSignal();
    if (!next) return;
    const waiting: RoomDeltaMessage[] = [];
    for (const msg of [...this.pending].sort((a, b) => a.version - b.version)) {
      const outcome = applyRoomMessage(next, msg);
      if (outcome.result === 'applied') next = outcome.next;
      else if (outcome.result === 'gap') waiting.push(msg);
    }
    this.pending = waiting;
    this.snapshotSignal.set(next);
    if (waiting.length) void this.resync();
    else this.resyncAttempts = 0;
  }

  private async resync(): Promise<void> {
    const current = this.snapshotSignal();
    if (this.statusSignal() !== 'live' || !current) return;
    if (++this.resyncAttempts > this.maxResyncAttempts) {
      await this.join();
      return;
    }
    const generation = this.generation;
    this.statusSignal.set('resyncing');
    const ack = await this.transport.resync({ meetingId: this.meetingId, audience: this.audience, fromVersion: current.version });
    if (generation !== this.generation || this.statusSignal() === 'closed') return;
    if (!ack.ok) {
      // The server no longer holds our deltas (or something else failed): start over from a snapshot.
      await this.join();
      return;
    }
    if (ack.data.mode === 'snapshot') this.snapshotSignal.set(ack.data.snapshot);
    else this.pending.push(...ack.data.deltas);
    this.statusSignal.set('live');
    this.drain();
  }
}
