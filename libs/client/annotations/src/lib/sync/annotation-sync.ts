import { DestroyRef, Injectable, computed, effect, inject, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatSnackBar } from '@angular/material/snack-bar';
import { SessionStore } from '@phonghop/client-auth';
import { AnnotationsApi, RealtimeClient, toApiError } from '@phonghop/client-data-access';
import { I18nService } from '@phonghop/client-i18n';
import type { AnnotationDto, AnnotationOp } from '@phonghop/contracts';
import { Subject, firstValueFrom } from 'rxjs';
import { classifyFailure, MAX_BATCH_OPS, mergeQueues, nextSeq, retryDelay, settle, takeBatch, type QueuedOp, type Settled, type Settlement } from '../model/op-queue';
import { memoryOpStore, openOpStore, type OpStore } from './op-store';

export type SyncState = 'synced' | 'pending' | 'offline';

/** A change to queue: the op, and for changes of an existing annotation the revision it was made on. */
export interface OutgoingOp {
  op: AnnotationOp;
  base?: number;
}

/**
 * The signed-in person's queue of annotation ops on this device (one per app). Every change is stored in IndexedDB
 * before anything else can lose it, shown at once (sessions project the queue over what the server confirmed), and
 * sent in order, up to 200 ops and 90 kB a request, whenever the server can be reached: right away, when the
 * network or the realtime socket comes back, and after failures with growing waits. The server applies each op once
 * (`opId`), so an op sent again after a lost answer or a reload is answered `duplicate`. Refused ops are dropped and
 * the person is told why; conflict copies are announced.
 */
@Injectable({ providedIn: 'root' })
export class AnnotationSync {
  private readonly api = inject(AnnotationsApi);
  private readonly realtime = inject(RealtimeClient);
  private readonly auth = inject(SessionStore);
  private readonly i18n = inject(I18nService);
  private readonly snackBar = inject(MatSnackBar);

  private readonly queueSignal = signal<readonly QueuedOp[]>([]);
  private readonly networkUp = signal(typeof navigator === 'undefined' ? true : navigator.onLine);
  private readonly reachable = signal(true);
  private readonly settledSubject = new Subject<Settled[]>();

  /** The ops not yet answered by the server, in order. */
  readonly queue = this.queueSignal.asReadonly();
  /** The network is up and the server answered the last attempt. */
  readonly online = computed(() => this.networkUp() && this.reachable());
  readonly state = computed<SyncState>(() => (!this.online() ? 'offline' : this.queueSignal().length ? 'pending' : 'synced'));
  /** Ops the server answered (done or refused), emitted in the same tick as they leave the queue. */
  readonly settled$ = this.settledSubject.asObservable();

  private userId: string | null = null;
  private store: OpStore = memoryOpStore();
  private ready: Promise<void> = Promise.resolve();
  private writes: Promise<void> = Promise.resolve();
  private lastSeq = 0;
  private flushing = false;
  private again = false;
  private attempt = 0;
  private maxOps: number = MAX_BATCH_OPS;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    effect(() => {
      const userId = this.auth.user()?.id ?? null;
      untracked(() => this.use(userId));
    });
    if (typeof window !== 'undefined') {
      const up = () => {
        this.networkUp.set(navigator.onLine);
        if (navigator.onLine) this.retryNow();
      };
      window.addEventListener('online', up);
      window.addEventListener('offline', up);
      inject(DestroyRef).onDestroy(() => {
        window.removeEventListener('online', up);
        window.removeEventListener('offline', up);
        clearTimeout(this.retryTimer);
      });
    }
    this.realtime.reconnected$.pipe(takeUntilDestroyed()).subscribe(() => this.retryNow());
  }

  /** Makes sure the queue is running (the app calls it at start so ops left from earlier are sent). */
  start(): void {
    void this.flush();
  }

  /** Queues changes of one document version: shown at once, stored, then sent. */
  enqueue(documentId: string, version: number, ops: readonly OutgoingOp[]): void {
    if (!ops.length || !this.userId) return;
    const queuedAt = new Date().toISOString();
    const entries = ops.map(({ op, base }) => {
      this.lastSeq = nextSeq(Date.now(), this.lastSeq);
      return { seq: this.lastSeq, documentId, version, op, queuedAt, ...(base !== undefined ? { base } : {}) } satisfies QueuedOp;
    });
    this.queueSignal.update((q) => [...q, ...entries]);
    this.persist((store) => store.put(entries));
    void this.flush();
  }

  /** The annotations last seen on a version (offline opening). */
  async readList(documentId: string, version: number): Promise<AnnotationDto[] | null> {
    await this.ready;
    return this.store.readList(documentId, version).catch(() => null);
  }

  writeList(documentId: string, version: number, items: readonly AnnotationDto[]): void {
    this.persist((store) => store.writeList(documentId, version, items));
  }

  /** Tries again now (the network or the socket came back). */
  retryNow(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.attempt = 0;
    this.reachable.set(true);
    void this.flush();
  }

  // ── the person's queue ──────────────────────────────────────────────────────────────────────────────

  private use(userId: string | null): void {
    if (userId === this.userId) return;
    this.store.close();
    this.store = memoryOpStore();
    this.userId = userId;
    this.queueSignal.set([]);
    this.writes = Promise.resolve();
    if (!userId) {
      this.ready = Promise.resolve();
      return;
    }
    this.ready = (async () => {
      const store = await openOpStore(userId);
      const stored = await store.load().catch(() => [] as QueuedOp[]);
      if (this.userId !== userId) {
        store.close();
        return;
      }
      this.store = store;
      const storedIds = new Set(stored.map((e) => e.op.opId));
      const madeMeanwhile = this.queueSignal().filter((e) => !storedIds.has(e.op.opId));
      const merged = mergeQueues(this.queueSignal(), stored);
      this.lastSeq = Math.max(this.lastSeq, ...merged.map((e) => e.seq));
      this.queueSignal.set(merged);
      if (madeMeanwhile.length) await store.put(madeMeanwhile).catch(() => undefined);
    })();
    void this.flush();
  }

  /** IndexedDB writes, one after another and after the queue is open; a failure leaves the op in memory. */
  private persist(write: (store: OpStore) => Promise<void>): void {
    const userId = this.userId;
    this.writes = this.writes
      .then(() => this.ready)
      .then(() => (this.userId === userId ? write(this.store) : undefined))
      .catch(() => undefined);
  }

  private async flush(): Promise<void> {
    if (this.flushing) {
      this.again = true;
      return;
    }
    this.flushing = true;
    try {
      await this.ready;
      while (this.userId && this.queueSignal().length && this.retryTimer === undefined) {
        if (typeof navigator !== 'undefined' && !navigator.onLine) {
          this.networkUp.set(false);
          return;
        }
        const batch = takeBatch(this.queueSignal(), this.maxOps);
        let results;
        try {
          results = (await firstValueFrom(this.api.ops(batch.map((e) => e.op)))).results;
        } catch (e) {
          const error = toApiError(e);
          const next = classifyFailure(error.statusCode, batch.length);
          if (next === 'stop') return;
          if (next === 'retry') {
            if (error.statusCode === 0 || error.statusCode >= 502) this.reachable.set(false);
            this.scheduleRetry();
            return;
          }
          if (next === 'split') {
            this.maxOps = Math.max(1, Math.ceil(batch.length / 2));
            continue;
          }
          const refused = { opId: batch[0].op.opId, status: 'rejected' as const, annotation: null, error: { code: error.code, message: error.message } };
          this.finish({ done: [], rejected: [{ entry: batch[0], result: refused }], keep: [] });
          continue;
        }
        this.reachable.set(true);
        this.attempt = 0;
        const settlement = settle(batch, results);
        this.finish(settlement);
        if (settlement.keep.length === batch.length) {
          this.scheduleRetry();
          return;
        }
      }
    } finally {
      this.flushing = false;
      if (this.again) {
        this.again = false;
        if (this.retryTimer === undefined) void this.flush();
      }
    }
  }

  private scheduleRetry(): void {
    clearTimeout(this.retryTimer);
    this.attempt++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.flush();
    }, retryDelay(this.attempt));
  }

  private finish(s: Settlement): void {
    const answered = [...s.done, ...s.rejected];
    if (!answered.length) return;
    const ids = new Set(answered.map((x) => x.entry.op.opId));
    this.queueSignal.update((q) => q.filter((e) => !ids.has(e.op.opId)));
    this.settledSubject.next(answered);
    this.persist((store) => store.remove([...ids]));
    if (s.rejected.length) this.tellRefused(s.rejected);
    else if (s.done.some((x) => x.result.status === 'conflict_copy')) this.tell(this.i18n.t('annot.conflictCopy'));
  }

  private tellRefused(refused: readonly Settled[]): void {
    const first = refused[0];
    const reason = this.i18n.pick(first.result.error?.message) || this.i18n.t('annot.refusedUnknown');
    const hint = first.entry.op.type === 'share' && first.entry.op.visibility === 'named' ? ` ${this.i18n.t('annot.shareNamedHint')}` : '';
    const more = refused.length > 1 ? ` ${this.i18n.t('annot.refusedMore', { count: refused.length - 1 })}` : '';
    this.tell(`${this.i18n.t(first.entry.op.type === 'share' ? 'annot.shareRefused' : 'annot.refused')} ${reason}${hint}${more}`);
  }

  private tell(text: string): void {
    this.snackBar.open(text, this.i18n.t('common.close'), { duration: 10_000, panelClass: 'ph-annot-snack' });
  }
}
