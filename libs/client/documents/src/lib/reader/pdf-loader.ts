import type { PDFDataRangeTransport, PDFDocumentLoadingTask, PDFWorker } from 'pdfjs-dist';
import { RANGE_CHUNK, fetchRange, takeAhead, type FileHead } from './reader-ranges';

/** pdf.js lives in its own lazy chunk: nothing of it is in the initial bundle. */
export type PdfJs = typeof import('pdfjs-dist');

/** Build assets copied by apps/web/project.json (worker, standard fonts, image decoders). */
export const PDFJS_ASSET_DIR = 'pdfjs/';

let loaded: Promise<PdfJs> | null = null;
/** One pdf.js worker for every document read in this tab: started once, while the first document's data loads. */
let worker: PDFWorker | null = null;

/**
 * Loads pdf.js and starts its worker; call it as early as possible, the reader awaits it later. The worker's script
 * (the larger half of pdf.js, and its start-up the longest step before the first range request) starts compiling
 * at once, beside the main module's import rather than after it: pdf.js takes a worker it did not start as its
 * `port`. `started`: that worker, started by the app even earlier (a link straight to a document), and `module`: the
 * import of pdf.js' main module the app started then.
 */
export function loadPdfJs(started?: Worker, module?: Promise<PdfJs>): Promise<PdfJs> {
  if (loaded) return loaded;
  const early = watchWorker(started ?? assetUrl('pdf.worker.min.mjs'));
  loaded = (module ?? import('pdfjs-dist')).then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerSrc = assetUrl('pdf.worker.min.mjs');
    // A worker that failed to start: pdf.js' own start-up, with its fallback to the main thread.
    worker = early.port && !early.failed ? pdfjs.PDFWorker.create({ port: early.port }) : new pdfjs.PDFWorker();
    return pdfjs;
  });
  return loaded;
}

function watchWorker(src: string | Worker): { port: Worker | null; failed: boolean } {
  const state: { port: Worker | null; failed: boolean } = { port: null, failed: false };
  try {
    state.port = typeof src === 'string' ? new Worker(src, { type: 'module' }) : src;
    state.port.addEventListener(
      'error',
      () => {
        state.failed = true;
        // Already handed to pdf.js: later documents get a worker of their own (pdf.js' default).
        if (worker && state.port === worker.port) worker = null;
      },
      { once: true },
    );
  } catch {
    state.failed = true;
  }
  return state;
}

export function assetUrl(path: string): string {
  return new URL(PDFJS_ASSET_DIR + path, document.baseURI).href;
}

export type PdfSource =
  /** Online: only the bytes the visible pages need, 64 KB at a time (the server answers Range with 206). */
  | { kind: 'range'; url: string; httpHeaders?: Record<string, string>; head?: Promise<FileHead | null> }
  /** The full response kept by the service worker (offline, or already saved): one plain GET, no Range. */
  | { kind: 'full'; url: string };

export async function openPdf(source: PdfSource): Promise<PDFDocumentLoadingTask> {
  const pdfjs = await loadPdfJs();
  const common = {
    url: source.url,
    ...(source.kind === 'range' && source.httpHeaders ? { httpHeaders: source.httpHeaders } : {}),
    worker: worker ?? undefined,
    standardFontDataUrl: assetUrl('standard_fonts/'),
    wasmUrl: assetUrl('wasm/'),
  };
  if (source.kind === 'full') return pdfjs.getDocument({ ...common, disableRange: true });
  const ranges = { disableAutoFetch: true, disableStream: true, rangeChunkSize: RANGE_CHUNK };
  const head = await source.head;
  if (!head) return pdfjs.getDocument({ ...common, ...ranges });
  // The head already fetched: pdf.js gets it at once and asks the transport for the rest.
  const transport = new pdfjs.PDFDataRangeTransport(head.length, head.initial);
  const task = pdfjs.getDocument({ ...common, ...ranges, url: undefined, range: transport });
  fetchRangesFor(transport, head, () => void task.destroy());
  return task;
}

/**
 * Answers pdf.js' range requests with fetch (from the chunks fetched ahead where there are: the tail, page 1's); a
 * range that fails twice ends the load.
 */
function fetchRangesFor(transport: PDFDataRangeTransport, head: FileHead, fail: () => void): void {
  const aborts = new AbortController();
  transport.requestDataRange = (begin: number, end: number) => {
    const part = (from: number, to: number) => fetchRange(head.url, from, to, aborts.signal);
    const retry = () => part(begin, end);
    (takeAhead(head, begin, end, part) ?? retry())
      .catch(retry)
      .then((bytes) => transport.onDataRange(begin, bytes), () => !aborts.signal.aborted && fail());
  };
  transport.abort = () => aborts.abort();
}

/** Whether pdf.js has been asked for already (prepareReader at start-up): then nothing is gained by waiting. */
export function pdfJsRequested(): boolean {
  return loaded !== null;
}
