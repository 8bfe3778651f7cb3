import { HttpClient } from '@angular/common/http';
import { DestroyRef, Injectable, Injector, computed, effect, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { SessionStore } from '@phonghop/client-auth';
import { DocumentsApi, MeetingsApi, RealtimeClient, toApiError } from '@phonghop/client-data-access';
import { API_PREFIX, type DocumentDto, type MeetingStatus } from '@phonghop/contracts';
import { debounceTime, firstValueFrom, groupBy, mergeMap } from 'rxjs';
import { offlineCandidates } from '../list/document-groups';
import { offlineKey, offlineKeyPrefix, offlineUrl, readReported, writeReported } from './offline-keys';
import { type OpenedReport, openedUrl, readPendingOpened, shouldRetryOpened, withoutPending, withPending, writePendingOpened } from './pending-opened';

/** Meetings whose packs a tablet keeps: the ones still to come or running. */
const ACTIVE: readonly MeetingStatus[] = ['published', 'in_progress'];
/** How long to wait for the service worker to take control of a fresh page. */
const CONTROLLER_WAIT_MS = 45_000;
/** Several changes in a row (a secretary publishing a batch) cause one reload per meeting. */
const CHANGE_DEBOUNCE_MS = 400;
/** While the server cannot be reached, ask again this often so the offline banner goes away by itself. */
const REPROBE_MS = 20_000;

/**
 * Keeps published meeting documents readable without a network. The Angular service worker caches
 * full (200) responses of `…/file?u=<user>` in its `document-files` data group; pdf.js range requests
 * use the plain URL and are never cached (Cache Storage refuses 206). So this service downloads each
 * published version once in full, in the background and one at a time, then tells the server
 * (`POST …/received`). "Saved" means: that response is really in Cache Storage (`caches.match`).
 * Opening a saved copy is reported too (`POST …/opened`), queued while offline (see reportOpened).
 */
@Injectable({ providedIn: 'root' })
export class OfflineDocuments {
  private readonly api = inject(DocumentsApi);
  private readonly meetingsApi = inject(MeetingsApi);
  private readonly session = inject(SessionStore);
  private readonly realtime = inject(RealtimeClient);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);
  private readonly http = inject(HttpClient);

  private readonly savedKeys = signal<ReadonlySet<string>>(new Set());
  private readonly savingKeys = signal<ReadonlySet<string>>(new Set());
  private readonly onlineSignal = signal(typeof navigator === 'undefined' ? true : navigator.onLine);
  private readonly reachable = signal(true);
  private reprobe: ReturnType<typeof setTimeout> | undefined;
  private queue: Promise<void> = Promise.resolve();
  private controller: Promise<boolean> | null = null;
  private started = false;
  private flushing: Promise<void> | null = null;
  private flushAgain = false;

  /**
   * The browser has a network AND the server answers. A hall Wi-Fi without the server, or a page the
   * service worker served from its cache while offline, can leave `navigator.onLine` true; the probe
   * (`GET /api/health`, never cached) tells.
   */
  readonly online = computed(() => this.onlineSignal() && this.reachable());
  /** Whether this browser can keep documents at all (service worker + Cache Storage, i.e. HTTPS or localhost). */
  readonly supported = computed(() => typeof navigator !== 'undefined' && 'serviceWorker' in navigator && typeof caches !== 'undefined');

  constructor() {
    if (typeof window === 'undefined') return;
    const update = () => {
      this.onlineSignal.set(navigator.onLine);
      void this.probe();
    };
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    this.destroyRef.onDestroy(() => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
      clearTimeout(this.reprobe);
    });
  }

  /** Can the server be reached right now? Updates `online`. */
  async probe(): Promise<boolean> {
    clearTimeout(this.reprobe);
    let ok = false;
    if (navigator.onLine) {
      try {
        const res = await fetch(`${API_PREFIX}/health`, { cache: 'no-store' });
        // 504: the service worker (or a proxy) could not reach the server.
        ok = res.status !== 504 && res.status !== 502;
      } catch {
        ok = false;
      }
    }
    this.reachable.set(ok);
    if (!ok) this.reprobe = setTimeout(() => void this.probe(), REPROBE_MS);
    // Back in reach (the `online` event, or the server returning on a Wi-Fi that never dropped): deliver reports.
    else void this.flushOpened();
    return ok && navigator.onLine;
  }

  isSaved(documentId: string, version: number): boolean {
    return this.savedKeys().has(offlineKey(documentId, version));
  }

  /** Whether some version of the document is known to be saved on this tablet (no Cache Storage lookup). */
  hasSavedVersion(documentId: string): boolean {
    const prefix = offlineKeyPrefix(documentId);
    return [...this.savedKeys()].some((k) => k.startsWith(prefix));
  }

  isSaving(documentId: string, version: number): boolean {
    return this.savingKeys().has(offlineKey(documentId, version));
  }

  /** Same-origin URL of the full copy kept for offline reading (per user: confidential copies carry a name). */
  fullCopyUrl(documentId: string, version: number): string {
    return offlineUrl(this.api.fileUrl(documentId, version), this.session.user()?.id ?? 'anonymous');
  }

  /** Is the full copy in Cache Storage? */
  async isCached(documentId: string, version: number): Promise<boolean> {
    if (typeof caches === 'undefined') return false;
    try {
      const hit = await caches.match(this.absolute(this.fullCopyUrl(documentId, version)));
      const key = offlineKey(documentId, version);
      this.savedKeys.update((s) => toggled(s, key, !!hit));
      return !!hit;
    } catch {
      return false;
    }
  }

  /** Marks what is already saved, then queues the missing published versions for download. */
  sync(docs: readonly DocumentDto[]): void {
    const wanted = offlineCandidates(docs);
    if (!wanted.length || !this.supported()) return;
    this.queue = this.queue.then(() => this.syncNow(wanted)).catch(() => undefined);
  }

  /**
   * Background pass over every active meeting of the signed-in person: after sign-in, at start, when the
   * network comes back and after a realtime reconnect. Wired once by the app (provideOfflineDocuments).
   */
  startBackgroundSync(): void {
    if (this.started || typeof window === 'undefined') return;
    this.started = true;
    effect(
      () => {
        if (this.session.user()) void this.syncMyMeetings();
      },
      { injector: this.injector },
    );
    window.addEventListener('online', () => void this.syncMyMeetings());
    this.realtime.reconnected$.pipe(takeUntilDestroyed(this.destroyRef)).subscribe(() => void this.syncMyMeetings());
    // A document was published, got a new version or went: copy what is new right away.
    this.realtime.documentsChanged$
      .pipe(
        groupBy((n) => n.meetingId),
        mergeMap((changes) => changes.pipe(debounceTime(CHANGE_DEBOUNCE_MS))),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe(({ meetingId }) => void this.syncMeeting(meetingId));
  }

  /** One meeting's published pack, e.g. after a `documents:changed` notice. */
  async syncMeeting(meetingId: string): Promise<void> {
    if (!this.session.user() || !this.supported() || !navigator.onLine) return;
    try {
      this.sync(await firstValueFrom(this.api.list(meetingId)));
    } catch {
      // Offline, signed out or no longer invited: the next trigger tries again.
    }
  }

  async syncMyMeetings(): Promise<void> {
    if (!this.session.user() || !navigator.onLine) return;
    void this.flushOpened();
    if (!this.supported()) return;
    try {
      const meetings = (await firstValueFrom(this.meetingsApi.mine())).filter((m) => ACTIVE.includes(m.status));
      for (const m of meetings) {
        // Listing also fills the service worker's `api-freshness` cache, so the list shows offline too.
        this.sync(await firstValueFrom(this.api.list(m.id)));
      }
    } catch {
      // Offline or signed out meanwhile: the next trigger tries again.
    }
  }

  /**
   * The reader opened the copy saved on this tablet. The service worker serves that copy, so the server never
   * sees a read: tell it. The report is queued first (localStorage, per user) and sent at once when possible,
   * else when the tablet is back online (the `online` event, a successful probe, the background sync).
   */
  reportOpened(documentId: string, version: number): void {
    const userId = this.session.user()?.id;
    if (!userId) return;
    const store = globalThis.localStorage;
    writePendingOpened(store, userId, withPending(readPendingOpened(store, userId), { documentId, version }));
    void this.flushOpened();
  }

  /**
   * Sends the signed-in person's pending "opened" reports, one at a time. One flush runs at a time; a call
   * during a flush (a report queued meanwhile) makes it go round once more.
   */
  flushOpened(): Promise<void> {
    if (this.flushing) {
      this.flushAgain = true;
      return this.flushing;
    }
    this.flushing = (async () => {
      do {
        this.flushAgain = false;
        await this.sendPendingOpened();
      } while (this.flushAgain);
    })().finally(() => (this.flushing = null));
    return this.flushing;
  }

  private async sendPendingOpened(): Promise<void> {
    const userId = this.session.user()?.id;
    if (!userId || typeof navigator === 'undefined' || !navigator.onLine) return;
    const store = globalThis.localStorage;
    for (const report of readPendingOpened(store, userId)) {
      if (!(await this.sendOpened(report))) return; // unreachable again: the rest waits for the next trigger
      // Re-read: the reader may have queued another report meanwhile.
      writePendingOpened(store, userId, withoutPending(readPendingOpened(store, userId), report));
    }
  }

  /** true when the report is settled (recorded, or refused for good); false to keep it for later. */
  private async sendOpened({ documentId, version }: OpenedReport): Promise<boolean> {
    try {
      await firstValueFrom(this.http.post<void>(openedUrl(documentId, version), null));
      return true;
    } catch (e) {
      return !shouldRetryOpened(toApiError(e).statusCode);
    }
  }

  private async syncNow(docs: readonly DocumentDto[]): Promise<void> {
    for (const d of docs) await this.isCached(d.id, d.current.version);
    if (!navigator.onLine || !(await this.waitForController())) return;
    for (const d of docs) {
      const version = d.current.version;
      if (this.isSaved(d.id, version) || !navigator.onLine) continue;
      await this.download(d.id, version);
    }
  }

  private async download(documentId: string, version: number): Promise<void> {
    const key = offlineKey(documentId, version);
    this.savingKeys.update((s) => toggled(s, key, true));
    try {
      // A plain GET without Range: the service worker stores the whole 200 response before answering.
      // The header tells the server this is a background copy, not the person opening the document.
      const res = await fetch(this.fullCopyUrl(documentId, version), { credentials: 'same-origin', headers: { 'X-Phonghop-Purpose': 'offline-copy' } });
      if (!res.ok) return;
      await res.arrayBuffer();
      if (await this.isCached(documentId, version)) await this.reportReceived(documentId, version);
    } catch {
      // Network dropped mid-download: retried on the next sync.
    } finally {
      this.savingKeys.update((s) => toggled(s, key, false));
    }
  }

  private async reportReceived(documentId: string, version: number): Promise<void> {
    const userId = this.session.user()?.id;
    if (!userId) return;
    const reported = readReported(globalThis.localStorage, userId);
    const key = offlineKey(documentId, version);
    if (reported.has(key)) return;
    try {
      await firstValueFrom(this.api.markReceived(documentId, version));
      reported.add(key);
      writeReported(globalThis.localStorage, userId, reported);
    } catch {
      // Not fatal: the copy is saved; the receipt is sent on a later sync.
    }
  }

  /** The service worker controls this page (it was installed and claimed it), or gives up after a while. */
  private waitForController(): Promise<boolean> {
    const sw = typeof navigator !== 'undefined' ? navigator.serviceWorker : undefined;
    if (!sw) return Promise.resolve(false);
    if (sw.controller) return Promise.resolve(true);
    this.controller ??= new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.controller = null;
        resolve(!!sw.controller);
      }, CONTROLLER_WAIT_MS);
      sw.addEventListener(
        'controllerchange',
        () => {
          clearTimeout(timer);
          resolve(true);
        },
        { once: true },
      );
    });
    return this.controller;
  }

  private absolute(url: string): string {
    return new URL(url, document.baseURI).href;
  }
}

function toggled(set: ReadonlySet<string>, key: string, on: boolean): ReadonlySet<string> {
  if (set.has(key) === on) return set;
  const next = new Set(set);
  if (on) next.add(key);
  else next.delete(key);
  return next;
}
