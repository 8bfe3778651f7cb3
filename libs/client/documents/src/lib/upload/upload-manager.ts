import { HttpEventType } from '@angular/common/http';
import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { DocumentsApi, toApiError } from '@phonghop/client-data-access';
import { UPLOAD_CHUNK_BYTES, type ApiErrorBody, type DocumentAccess, type DocumentDto, type UploadStatusDto } from '@phonghop/contracts';
import { Subject, firstValueFrom, type Subscription } from 'rxjs';
import { checkPdfFile, isRetryable, looksLikePdf, nextChunk, resumeOffsetFrom, retryDelayMs, titleFromFileName, uploadPercent, type FileProblem } from './upload-plan';

/** draft: waiting for the secretary to confirm title/item/access; then the upload's own states. */
export type UploadPhase = 'draft' | 'uploading' | 'retrying' | 'processing' | 'done' | 'failed';

export interface UploadItem {
  key: number;
  file: File;
  title: string;
  agendaItemId: string | null;
  access: DocumentAccess;
  namedUserIds: string[];
  /** Set for "Tải phiên bản mới": the upload becomes the next version of this document. */
  replacesDocumentId: string | null;
  phase: UploadPhase;
  /** Bytes the server confirmed plus the bytes of the chunk in flight. */
  sentBytes: number;
  percent: number;
  problem: FileProblem | null;
  error: ApiErrorBody | null;
  uploadId: string | null;
  /** Automatic retries in a row after network errors. */
  attempt: number;
}

export interface UploadOptions {
  title?: string;
  agendaItemId?: string | null;
  access?: DocumentAccess;
  namedUserIds?: string[];
  replacesDocumentId?: string | null;
}

/** After this many automatic retries in a row the item fails and offers "Thử lại" (which resumes). */
const MAX_AUTO_RETRIES = 6;

/**
 * Resumable chunked uploads for one meeting, as signals for the list. Each file is sent in
 * `UPLOAD_CHUNK_BYTES` pieces (`PUT ?offset=`); a network error waits, asks the server how much it
 * has (`GET /uploads/:id`) and continues from there; a 409 UPLOAD_OFFSET_MISMATCH carries that number
 * itself. Provided per component: leaving the page cancels what is in flight (the server's upload
 * session stays, so "Thử lại" on the next visit is not possible, but nothing is half-stored).
 */
@Injectable()
export class UploadManager {
  private readonly api = inject(DocumentsApi);
  private readonly itemsSignal = signal<UploadItem[]>([]);
  private readonly inflight = new Map<number, Subscription>();
  private readonly cancelled = new Set<number>();
  private readonly completed = new Subject<DocumentDto>();
  private nextKey = 1;
  private meetingId = '';

  readonly items = this.itemsSignal.asReadonly();
  readonly drafts = computed(() => this.itemsSignal().filter((i) => i.phase === 'draft'));
  readonly active = computed(() => this.itemsSignal().filter((i) => i.phase !== 'draft' && i.phase !== 'done'));
  /** Emits every stored document (new or new version) so the list can show it at once. */
  readonly completed$ = this.completed.asObservable();

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      for (const sub of this.inflight.values()) sub.unsubscribe();
      this.inflight.clear();
    });
  }

  setMeeting(meetingId: string): void {
    this.meetingId = meetingId;
  }

  /** Adds picked files as drafts (or starts at once with `autoStart`, e.g. a new version). */
  async add(files: readonly File[], options: UploadOptions = {}, autoStart = false): Promise<UploadItem[]> {
    const added: UploadItem[] = [];
    for (const file of files) {
      let problem = checkPdfFile(file);
      if (!problem && !(await startsLikePdf(file))) problem = 'notPdf';
      const item: UploadItem = {
        key: this.nextKey++,
        file,
        title: options.title ?? titleFromFileName(file.name),
        agendaItemId: options.agendaItemId ?? null,
        access: options.access ?? 'all',
        namedUserIds: options.namedUserIds ?? [],
        replacesDocumentId: options.replacesDocumentId ?? null,
        phase: problem ? 'failed' : 'draft',
        sentBytes: 0,
        percent: 0,
        problem,
        error: null,
        uploadId: null,
        attempt: 0,
      };
      added.push(item);
    }
    this.itemsSignal.update((list) => [...list, ...added]);
    if (autoStart) for (const item of added) if (!item.problem) void this.start(item.key);
    return added;
  }

  edit(key: number, patch: Partial<Pick<UploadItem, 'title' | 'agendaItemId' | 'access' | 'namedUserIds'>>): void {
    this.patch(key, patch);
  }

  /** Starts every valid draft. */
  startAll(): void {
    for (const item of this.drafts()) void this.start(item.key);
  }

  /** Removes an item; an upload in flight is stopped. */
  remove(key: number): void {
    this.cancelled.add(key);
    this.inflight.get(key)?.unsubscribe();
    this.inflight.delete(key);
    this.itemsSignal.update((list) => list.filter((i) => i.key !== key));
  }

  /** Starts a draft, or resumes a failed upload from where the server is. */
  async start(key: number): Promise<void> {
    const item = this.find(key);
    if (!item || item.problem || item.phase === 'uploading' || item.phase === 'processing' || item.phase === 'retrying') return;
    if (!item.title.trim()) return;
    this.cancelled.delete(key);
    this.patch(key, { phase: 'uploading', error: null, attempt: 0 });
    try {
      await this.run(key);
    } catch (e) {
      if (this.cancelled.has(key)) return;
      const error = toApiError(e);
      // The session expired on the server: a new attempt starts from zero.
      this.patch(key, { phase: 'failed', error, uploadId: error.code === 'UPLOAD_NOT_FOUND' ? null : this.find(key)?.uploadId ?? null });
    }
  }

  private async run(key: number): Promise<void> {
    const first = this.find(key);
    if (!first) return;
    const file = first.file;
    const size = file.size;
    let status: UploadStatusDto = first.uploadId
      ? await firstValueFrom(this.api.uploadStatus(first.uploadId))
      : await firstValueFrom(this.api.startUpload(this.meetingId, { fileName: first.file.name, sizeBytes: size }));
    const uploadId = status.uploadId;
    const chunkBytes = status.chunkBytes > 0 ? Math.min(status.chunkBytes, UPLOAD_CHUNK_BYTES) : UPLOAD_CHUNK_BYTES;
    let received = status.receivedBytes;
    this.patch(key, { uploadId, sentBytes: received, percent: uploadPercent(received, size) });

    for (let range = nextChunk(received, size, chunkBytes); range; range = nextChunk(received, size, chunkBytes)) {
      if (this.cancelled.has(key)) return;
      try {
        status = await this.sendChunk(key, uploadId, range.start, file.slice(range.start, range.end), size);
        received = status.receivedBytes;
        this.patch(key, { phase: 'uploading', attempt: 0, error: null, sentBytes: received, percent: uploadPercent(received, size) });
      } catch (e) {
        const error = toApiError(e);
        const offset = resumeOffsetFrom(error);
        if (offset !== null) {
          received = offset;
          continue;
        }
        const attempt = this.find(key)?.attempt ?? 0;
        if (!isRetryable(error) || attempt >= MAX_AUTO_RETRIES) throw error;
        this.patch(key, { phase: 'retrying', attempt: attempt + 1, error });
        await waitForRetry(attempt);
        if (this.cancelled.has(key)) return;
        received = await this.serverOffset(uploadId, received);
        this.patch(key, { sentBytes: received, percent: uploadPercent(received, size) });
      }
    }

    const item = this.find(key);
    if (!item || this.cancelled.has(key)) return;
    this.patch(key, { phase: 'processing', sentBytes: size, percent: 100 });
    const doc = await firstValueFrom(
      this.api.completeUpload(uploadId, {
        title: item.title.trim(),
        agendaItemId: item.agendaItemId,
        access: item.access,
        namedUserIds: item.access === 'named' ? item.namedUserIds : [],
        replacesDocumentId: item.replacesDocumentId,
      }),
    );
    this.patch(key, { phase: 'done' });
    this.completed.next(doc);
    // Done rows leave the queue shortly after; the document itself shows in the list.
    setTimeout(() => this.itemsSignal.update((list) => list.filter((i) => i.key !== key)), 1500);
  }

  /** One PUT, reporting bytes as they leave so the bar moves within a 4 MB chunk on slow Wi-Fi. */
  private sendChunk(key: number, uploadId: string, offset: number, chunk: Blob, size: number): Promise<UploadStatusDto> {
    return new Promise<UploadStatusDto>((resolve, reject) => {
      const sub = this.api.uploadChunk(uploadId, offset, chunk).subscribe({
        next: (event) => {
          if (event.type === HttpEventType.UploadProgress) {
            const sent = offset + Math.min(event.loaded, chunk.size);
            this.patch(key, { sentBytes: sent, percent: uploadPercent(sent, size) });
          } else if (event.type === HttpEventType.Response && event.body) {
            resolve(event.body);
          }
        },
        error: (e: unknown) => reject(e),
        complete: () => this.inflight.delete(key),
      });
      this.inflight.set(key, sub);
    });
  }

  /** Asks the server where to continue; while it cannot be reached, keeps the last known offset. */
  private async serverOffset(uploadId: string, fallback: number): Promise<number> {
    try {
      return (await firstValueFrom(this.api.uploadStatus(uploadId))).receivedBytes;
    } catch (e) {
      const error = toApiError(e);
      if (!isRetryable(error)) throw error;
      return fallback;
    }
  }

  private find(key: number): UploadItem | undefined {
    return this.itemsSignal().find((i) => i.key === key);
  }

  private patch(key: number, patch: Partial<UploadItem>): void {
    this.itemsSignal.update((list) => list.map((i) => (i.key === key ? { ...i, ...patch } : i)));
  }
}

async function startsLikePdf(file: Blob): Promise<boolean> {
  try {
    return looksLikePdf(new Uint8Array(await file.slice(0, 1024).arrayBuffer()));
  } catch {
    // Unreadable here (rare): let the server decide.
    return true;
  }
}

/** Waits the back-off delay, or less if the browser reports the network is back. */
function waitForRetry(attempt: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      window.removeEventListener('online', done);
      resolve();
    };
    const timer = setTimeout(done, retryDelayMs(attempt));
    window.addEventListener('online', done);
  });
}
