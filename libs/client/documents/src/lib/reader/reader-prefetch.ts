import { toApiError } from '@phonghop/client-data-access';
import { API_PREFIX, type DocumentDto } from '@phonghop/contracts';
import { type Observable, firstValueFrom } from 'rxjs';
import { readLastPage, type KeyValueStore } from './last-page';
import type { PDFDocumentLoadingTask } from 'pdfjs-dist';
import { loadPdfJs, openPdf, type PdfJs } from './pdf-loader';
import { drawFirstPageEarly, dropEarlyPage, expectedPageOnePlace } from './reader-early-page';
import { showEarlyShell } from './reader-early-shell';
import { type CurrentHeadRequests, currentHead, requestCurrentHead } from './reader-ranges';

/**
 * How long the app's start waits for page 1 on screen before it (ReaderPrepared.appMayStart): pdf.js' worker then has
 * the two cores to itself rather than sharing them with Angular's start. Past this the app starts anyway (a slow
 * network: the server's image is on screen by then).
 */
export const HOLD_START_FOR_PAGE_ONE_MS = 1000;

/** A prefetched answer is used only this soon after it was asked for; later the reader asks the server again. */
export const PREFETCH_FRESH_MS = 10_000;

interface Prefetched {
  documentId: string;
  at: number;
  doc: Promise<DocumentDto | null>;
}

/** pdf.js already loading the current version's file (by its address, once the server named it), for the reader. */
interface EarlyOpen {
  documentId: string;
  url: string;
  task: Promise<PDFDocumentLoadingTask | null>;
}

/**
 * Started by the app itself, before the reader's chunk: pdf.js' worker and main module, `GET /api/documents/:id`, and
 * the current version's first and last bytes (requestCurrentHead).
 */
export interface ReaderStart {
  worker?: Worker;
  pdfjs?: Promise<PdfJs>;
  metadata?: Promise<Response>;
  head?: CurrentHeadRequests;
}

let prefetched: Prefetched | null = null;
let earlyOpen: EarlyOpen | null = null;

export interface ReaderPrepared {
  /** Page 1 drawn early, or not to be (another page, a chosen version, offline, failed): the socket may connect. */
  drawn: Promise<unknown>;
  /**
   * The app may start: page 1 is on screen before it (showEarlyShell) once pdf.js has drawn it, else at once (no box
   * for this document, or nothing to draw early).
   */
  appMayStart: Promise<unknown>;
}

/**
 * The app was opened straight on a document (a link, a reload, a tablet resuming): what the reader needs first
 * starts while Angular boots, instead of one after the other once its route is reached (≈ 0.3 s later on a tablet):
 * the pdf.js chunk and its worker, the document's metadata, the server's image of page 1 when it opens there, and
 * pdf.js loading the current version's file (its first and last chunks asked for from the current-version route,
 * without waiting for the metadata, see openCurrentEarly) and, when it opens at page 1, drawing that page
 * (drawFirstPageEarly); for a document with no notice above its pages, page 1 goes on screen before the app starts
 * (showEarlyShell: the server's image, then pdf.js' canvas). They come with the session cookie like any API call;
 * the reader still makes every decision (access, version, offline copy), takes over the loading only for the file
 * it chose, and asks again through HttpClient if the metadata failed.
 * `started`: what the app could start before this chunk loaded.
 */
export function prepareReader(documentId: string, started: ReaderStart = {}, now = Date.now()): ReaderPrepared {
  void loadPdfJs(started.worker, started.pdfjs).catch(() => undefined);
  const atFirstPage = typeof document !== 'undefined' && navigator.onLine && opensAtFirstPage(location.search, globalThis.localStorage, documentId);
  const preview = `${API_PREFIX}/documents/${encodeURIComponent(documentId)}/preview`;
  if (atFirstPage) {
    // The reader's <img> of the same address (and the early box's) takes this response.
    const link = document.createElement('link');
    link.rel = 'preload';
    link.as = 'image';
    link.href = preview;
    document.head.append(link);
  }
  const metadata = started.metadata ?? fetch(`${API_PREFIX}/documents/${encodeURIComponent(documentId)}`, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  const doc = metadata.then((res) => (res.ok ? (res.json() as Promise<DocumentDto>) : null)).catch(() => null);
  prefetched = { documentId, at: now, doc };
  const none: ReaderPrepared = { drawn: Promise.resolve(), appMayStart: Promise.resolve() };
  if (typeof document === 'undefined' || new URLSearchParams(location.search).get('v')) return none;
  openCurrentEarly(documentId, started.head);
  // Page 1 too, while Angular boots: the reader shows that canvas once it has its page box (takeEarlyPage).
  const open = earlyOpen as EarlyOpen | null;
  if (open?.documentId !== documentId || !atFirstPage) return none;
  const drawn = drawFirstPageEarly(open.task);
  // On screen before the app, when the reader will put page 1 where the box goes (showsAtUsualPlace), and only
  // while the app still waits: once it has started, the reader shows page 1 itself.
  let waiting = true;
  const shown = doc.then(async (d) => {
    if (!d || !(await showsAtUsualPlace(d)) || !waiting) return;
    showEarlyShell(preview, expectedPageOnePlace(window.innerWidth, globalThis.localStorage));
    await drawn;
  });
  const appMayStart = Promise.race([shown, new Promise((resolve) => setTimeout(resolve, HOLD_START_FOR_PAGE_ONE_MS))]).then(() => {
    waiting = false;
  });
  return { drawn, appMayStart };
}

/**
 * A notice the reader shows above the pages of `version` of this document whatever the tablet's state: confidential,
 * or signed (the signatures of the current version). The tablet's own (offline, a saved copy, a newer version) come
 * on top in the reader.
 */
export function documentNoticeAbove(d: DocumentDto, version: number): boolean {
  return d.access === 'confidential' || (d.current.version === version && !!d.current.signatures);
}

/** A version's own file address (the API's `GET /documents/:id/versions/:n/file`). */
function versionFileUrl(documentId: string, version: number): string {
  return `${API_PREFIX}/documents/${encodeURIComponent(documentId)}/versions/${version}/file`;
}

/**
 * Does the reader open this document with page 1 at the usual place (the one it remembers, rememberFitWidth)? Not
 * when a notice sits above the pages: confidential, signed, or read from the copy saved on this tablet (anyone's
 * copy of this version: a shared tablet's other user is rare, and then the box is only not shown).
 */
export async function showsAtUsualPlace(d: DocumentDto): Promise<boolean> {
  if (documentNoticeAbove(d, d.current.version)) return false;
  if (typeof caches === 'undefined') return true;
  try {
    const file = new URL(versionFileUrl(d.id, d.current.version), document.baseURI).href;
    return !(await caches.match(file, { ignoreSearch: true }));
  } catch {
    return true;
  }
}

/**
 * pdf.js starts loading the current version of the document now, beside the metadata request: the current-version
 * route names the version it served, and the reader takes the loading over if that is the version it chooses
 * (takeEarlyOpen). Nothing is started offline, or when one is already under way for this document.
 * `requests`: the first and last bytes already asked for (by the app, before this chunk loaded).
 */
export function openCurrentEarly(documentId: string, requests?: CurrentHeadRequests): void {
  if (earlyOpen?.documentId === documentId || typeof document === 'undefined' || !(requests || navigator.onLine)) return;
  if (earlyOpen) void takeEarlyOpen(null);
  const absolute = (path: string) => new URL(path, document.baseURI).href;
  const head = currentHead(requests ?? requestCurrentHead(absolute(`${API_PREFIX}/documents/${encodeURIComponent(documentId)}/file`)), (v) => absolute(versionFileUrl(documentId, v)));
  const open: EarlyOpen = { documentId, url: '', task: Promise.resolve(null) };
  open.task = head
    .then((h) => {
      if (!h) return null;
      open.url = h.head.url;
      return openPdf({ kind: 'range', url: h.head.url, head: Promise.resolve(h.head) });
    })
    .catch(() => null);
  earlyOpen = open;
  // Not taken (the reader chose its offline copy, or never opened): the worker lets go of it.
  setTimeout(() => earlyOpen === open && void takeEarlyOpen(null), PREFETCH_FRESH_MS);
}

/** The size of the file as served, when the metadata tells it: confidential copies are stamped per reader. */
export function storedSize(d: DocumentDto, version = d.current.version): number | undefined {
  return d.access !== 'confidential' && d.current.version === version ? d.current.sizeBytes : undefined;
}

/**
 * pdf.js' loading of `url` started by prepareReader, or null; one for another address (or `null`: none wanted) is
 * destroyed.
 */
export async function takeEarlyOpen(url: string | null): Promise<PDFDocumentLoadingTask | null> {
  const early = earlyOpen;
  earlyOpen = null;
  const task = await early?.task;
  if (!task || (early && early.url === url)) return task ?? null;
  dropEarlyPage();
  void task.destroy();
  return null;
}

/** As the reader decides: no `v` (the current version), and `page` or else the page last read is 1 or unknown. */
export function opensAtFirstPage(search: string, store: KeyValueStore | null | undefined, documentId: string): boolean {
  const query = new URLSearchParams(search);
  if (query.get('v')) return false;
  const page = Number(query.get('page') || NaN);
  if (Number.isFinite(page)) return page === 1;
  return readLastPage(store, documentId, Number.MAX_SAFE_INTEGER) === null;
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
