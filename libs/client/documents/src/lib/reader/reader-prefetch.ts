import { toApiError } from '@phonghop/client-data-access';
import { API_PREFIX, type DocumentDto } from '@phonghop/contracts';
import { type Observable, firstValueFrom } from 'rxjs';
import { loadPdfJs } from './pdf-loader';

/** A prefetched answer is used only this soon after it was asked for; later the reader asks the server again. */
export const PREFETCH_FRESH_MS = 10_000;

interface Prefetched {
  documentId: string;
  at: number;
  doc: Promise<DocumentDto | null>;
}

let prefetched: Prefetched | null = null;

/**
 * The app was opened straight on a document (a link, a reload, a tablet resuming): what the reader needs first
 * starts while Angular boots, instead of one after the other once its route is reached (≈ 0.3 s later on a tablet):
 * the pdf.js chunk and its worker, and the document's metadata (which names the version to load). The metadata
 * comes with the session cookie like any API call; the reader still makes every decision (access, version, offline
 * copy) on it, and asks again through HttpClient if this answer failed.
 */
export function prepareReader(documentId: string, now = Date.now()): void {
  void loadPdfJs().catch(() => undefined);
  const doc = fetch(`${API_PREFIX}/documents/${encodeURIComponent(documentId)}`, { credentials: 'same-origin', headers: { accept: 'application/json' } }).then(
    (res) => (res.ok ? (res.json() as Promise<DocumentDto>) : null),
    () => null,
  );
  prefetched = { documentId, at: now, doc };
}

/** The metadata prepareReader asked for, once and only while fresh (reopening asks the server again). */
export function takePrefetchedDocument(documentId: string, now = Date.now()): Promise<DocumentDto | null> | null {
  const p = prefetched;
  if (!p || p.documentId !== documentId) return null;
  prefetched = null;
  return now - p.at < PREFETCH_FRESH_MS ? p.doc : null;
}

/** What readerDocument needs of DocumentsApi. */
export interface DocumentSource {
  get(id: string): Observable<DocumentDto>;
  list(meetingId: string): Observable<DocumentDto[]>;
}

/**
 * The document's metadata for the reader: the prefetched answer if there is one, else the server's; offline (or
 * the server failing), the meeting's cached list answers instead. Null: no such document for this person.
 */
export async function readerDocument(api: DocumentSource, meetingId: string, documentId: string): Promise<DocumentDto | null> {
  const early = await takePrefetchedDocument(documentId);
  if (early) return early;
  try {
    return await firstValueFrom(api.get(documentId));
  } catch (e) {
    const error = toApiError(e);
    if (error.statusCode !== 0 && error.statusCode < 500) return null;
    try {
      return (await firstValueFrom(api.list(meetingId))).find((d) => d.id === documentId) ?? null;
    } catch {
      return null;
    }
  }
}
