import { signal } from '@angular/core';
import type { SaveState } from '../minutes-view';

/** How one save ended: stored (at the server's time), or refused as stale, or refused because it is final now. */
export type SaveResult = { ok: true; at: string } | { ok: false; reason: 'conflict' | 'final' | 'error' };

export interface DraftSaverOptions {
  /** Sends what the editors hold now, with the version and revision they were made on. */
  save: () => Promise<SaveResult>;
  /** When the last save was (the draft's `updatedAt`), for "Saved at hh:mm" before any typing. */
  savedAt: string | null;
  /** Quiet time after the last keystroke before saving. */
  delayMs?: number;
  /** Wait before trying again after a failed save (network down, server restarting). */
  retryMs?: number;
}

/**
 * Autosave for one draft: a save a moment after typing stops, one save at a time (edits made during a save go in
 * the next one), retries after network failures, and a full stop on a conflict or a finalized draft — nothing is
 * ever sent over someone else's newer text; the page offers to load the latest instead (`reset`).
 */
export class DraftSaver {
  private readonly current = signal<SaveState>({ kind: 'saved', at: null });
  readonly state = this.current.asReadonly();

  private readonly delayMs: number;
  private readonly retryMs: number;
  private dirty = false;
  private stopped = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  /** Bumped by `reset`: the outcome of a save started before belongs to text no longer shown. */
  private generation = 0;

  constructor(private readonly options: DraftSaverOptions) {
    this.delayMs = options.delayMs ?? 1200;
    this.retryMs = options.retryMs ?? 5000;
    this.current.set({ kind: 'saved', at: options.savedAt });
  }

  /** There are edits the server does not have yet (and could still take). */
  get pending(): boolean {
    return !this.stopped && (this.dirty || this.running !== null);
  }

  /** Something was typed: save once typing stops. */
  changed(): void {
    if (this.stopped) return;
    this.dirty = true;
    if (!this.running) this.current.set({ kind: 'dirty' });
    this.schedule(this.delayMs);
  }

  /**
   * Saves pending edits now (finalizing, leaving the page); true when the server has everything, false after a
   * conflict, a finalized draft or a failed save.
   */
  async flush(): Promise<boolean> {
    this.clearTimer();
    for (;;) {
      if (this.stopped) return false;
      if (this.running) {
        await this.running;
        continue;
      }
      if (!this.dirty) return this.current().kind === 'saved';
      await this.run();
      if (this.current().kind === 'error') return false;
    }
  }

  /** The latest text was loaded again (after a conflict): start over from it. */
  reset(savedAt: string | null): void {
    this.generation++;
    this.clearTimer();
    this.dirty = false;
    this.stopped = false;
    this.running = null;
    this.current.set({ kind: 'saved', at: savedAt });
  }

  /** The draft is gone from the page: no more saves. */
  dispose(): void {
    this.clearTimer();
    this.stopped = true;
  }

  private schedule(ms: number): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      // A save is under way: its end looks at `dirty` and schedules the next one.
      if (!this.running && this.dirty && !this.stopped) void this.run();
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private run(): Promise<void> {
    const generation = this.generation;
    this.dirty = false;
    this.current.set({ kind: 'saving' });
    const done = this.options
      .save()
      .catch((): SaveResult => ({ ok: false, reason: 'error' }))
      .then((result) => {
        if (generation !== this.generation) return;
        this.running = null;
        this.settle(result);
      });
    this.running = done;
    return done;
  }

  private settle(result: SaveResult): void {
    if (result.ok) {
      if (this.dirty) {
        this.current.set({ kind: 'dirty' });
        this.schedule(this.delayMs);
      } else {
        this.current.set({ kind: 'saved', at: result.at });
      }
      return;
    }
    // What was sent is not stored: it is still to be saved.
    this.dirty = true;
    if (result.reason === 'error') {
      this.current.set({ kind: 'error' });
      this.schedule(this.retryMs);
      return;
    }
    this.stopped = true;
    this.clearTimer();
    this.current.set({ kind: result.reason });
  }
}
