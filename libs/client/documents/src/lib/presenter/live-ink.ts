import { LIVE_POINTS_PER_MESSAGE, type PresentationState } from '@phonghop/contracts';

/**
 * Presenter mode, pure: the pen's points go out in batches (the first ones begin the stroke, the rest follow every
 * ~50 ms, at most 200 a message, one message in flight so they arrive in order), page turns and zoom are throttled,
 * and a follower's reader decides what to do when the presentation moves. Timers come in so the specs run them.
 */

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** Between two batches of a stroke's points. */
export const POINTS_INTERVAL_MS = 50;
/** Between two view messages (page, zoom) while the presenter scrolls or zooms. */
export const VIEW_INTERVAL_MS = 150;

export type InkMessage = { kind: 'stroke'; strokeId: string; points: number[][] } | { kind: 'points'; strokeId: string; points: number[][] };

/**
 * One stroke's points, sent as `stroke` (with the first points) then `points` batches. `send` resolves when the
 * server has acked; the next batch waits for it.
 */
export class PointBatcher {
  private queue: number[][] = [];
  private begun = false;
  private inFlight = false;
  private timer: unknown = null;
  private ended = false;
  private finished: (() => void) | null = null;

  constructor(
    readonly strokeId: string,
    private readonly send: (msg: InkMessage) => Promise<unknown>,
    private readonly timers: Timers = realTimers,
    private readonly intervalMs = POINTS_INTERVAL_MS,
    private readonly maxPoints = LIVE_POINTS_PER_MESSAGE,
  ) {}

  /** A point of the stroke; the first one goes out at once so followers see the stroke begin. */
  add(point: number[]): void {
    if (this.ended) return;
    this.queue.push(point);
    if (!this.begun) this.flush();
    else this.schedule();
  }

  /** The pen lifted: what is left goes now; resolves once everything is sent. */
  end(): Promise<void> {
    this.ended = true;
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    this.flush();
    if (!this.inFlight && !this.queue.length) return Promise.resolve();
    return new Promise((resolve) => (this.finished = resolve));
  }

  private schedule(): void {
    if (this.timer !== null || this.inFlight) return;
    this.timer = this.timers.set(() => {
      this.timer = null;
      this.flush();
    }, this.intervalMs);
  }

  private flush(): void {
    if (this.inFlight || !this.queue.length) {
      if (!this.inFlight && !this.queue.length && this.ended) this.finished?.();
      return;
    }
    const points = this.queue.splice(0, this.maxPoints);
    const msg: InkMessage = this.begun ? { kind: 'points', strokeId: this.strokeId, points } : { kind: 'stroke', strokeId: this.strokeId, points };
    this.begun = true;
    this.inFlight = true;
    void this.send(msg)
      .catch(() => undefined)
      .then(() => {
        this.inFlight = false;
        if (this.ended || this.queue.length >= this.maxPoints) this.flush();
        else if (this.queue.length) this.schedule();
      });
  }
}

/** Calls `fn` with the latest value at most every `ms`: the first at once, the last one always. */
export class Throttle<T> {
  private last = -Infinity;
  private timer: unknown = null;
  private pending: { value: T } | null = null;

  constructor(
    private readonly fn: (value: T) => void,
    private readonly ms = VIEW_INTERVAL_MS,
    private readonly timers: Timers = realTimers,
    private readonly now: () => number = () => Date.now(),
  ) {}

  push(value: T): void {
    const wait = this.last + this.ms - this.now();
    if (wait <= 0 && this.timer === null) {
      this.fire(value);
      return;
    }
    this.pending = { value };
    if (this.timer === null) {
      this.timer = this.timers.set(() => {
        this.timer = null;
        const p = this.pending;
        this.pending = null;
        if (p) this.fire(p.value);
      }, Math.max(0, wait));
    }
  }

  cancel(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    this.pending = null;
  }

  private fire(value: T): void {
    this.last = this.now();
    this.fn(value);
  }
}

// ---- following --------------------------------------------------------------------------------------------------

/** A participant's relation to the presentation: following it, or detached from it (until they rejoin). */
export type FollowMode = 'following' | 'detached' | 'none';

export type FollowStep =
  | { kind: 'none' }
  /** The presentation is of another document: open it at the presented page. */
  | { kind: 'open'; documentId: string; page: number }
  /** Turn to the presented page and take its zoom. */
  | { kind: 'view'; page: number; zoom: number };

/**
 * What a follower's reader does now: nothing unless following; another document opens; otherwise the reader turns
 * to the presented page and zoom when they differ from what it last applied (the reader's own scrolling in between
 * is not fought, the next page turn catches it up).
 */
export function followStep(
  mode: FollowMode,
  presentation: Pick<PresentationState, 'documentId' | 'page' | 'zoom'> | null,
  readerDocumentId: string,
  applied: { page: number; zoom: number } | null,
): FollowStep {
  if (mode !== 'following' || !presentation) return { kind: 'none' };
  if (presentation.documentId !== readerDocumentId) return { kind: 'open', documentId: presentation.documentId, page: presentation.page };
  if (applied && applied.page === presentation.page && applied.zoom === presentation.zoom) return { kind: 'none' };
  return { kind: 'view', page: presentation.page, zoom: presentation.zoom };
}

/** Page-normalised point of a pointer over a page box (0..1 from the top left, clamped, 4 decimals). */
export function normalisedPoint(clientX: number, clientY: number, box: { left: number; top: number; width: number; height: number }): number[] {
  const r = (n: number) => Math.round(Math.min(1, Math.max(0, n)) * 10000) / 10000;
  return [r((clientX - box.left) / (box.width || 1)), r((clientY - box.top) / (box.height || 1))];
}
