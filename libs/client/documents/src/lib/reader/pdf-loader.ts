import type { PDFDocumentLoadingTask, PDFWorker } from 'pdfjs-dist';

/** pdf.js lives in its own lazy chunk: nothing of it is in the initial bundle. */
export type PdfJs = typeof import('pdfjs-dist');

/** Build assets copied by apps/web/project.json (worker, standard fonts, image decoders). */
export const PDFJS_ASSET_DIR = 'pdfjs/';

let loaded: Promise<PdfJs> | null = null;
/** One pdf.js worker for every document read in this tab: started once, while the first document's data loads. */
let worker: PDFWorker | null = null;

/**
 * Loads pdf.js and starts its worker; call it as early as possible, the reader awaits it later. The worker's script
 * (the larger half of pdf.js) starts compiling at once, beside the main module's import rather than after it:
 * pdf.js takes a worker it did not start as its `port`.
 */
export function loadPdfJs(): Promise<PdfJs> {
  if (loaded) return loaded;
  const early = startWorker(assetUrl('pdf.worker.min.mjs'));
  loaded = import('pdfjs-dist').then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerSrc = assetUrl('pdf.worker.min.mjs');
    // A worker that failed to start: pdf.js' own start-up, with its fallback to the main thread.
    worker = early.port && !early.failed ? pdfjs.PDFWorker.create({ port: early.port }) : new pdfjs.PDFWorker();
    return pdfjs;
  });
  return loaded;
}

function startWorker(src: string): { port: Worker | null; failed: boolean } {
  const state: { port: Worker | null; failed: boolean } = { port: null, failed: false };
  try {
    state.port = new Worker(src, { type: 'module' });
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
  | { kind: 'range'; url: string; httpHeaders?: Record<string, string> }
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
  return source.kind === 'range'
    ? pdfjs.getDocument({ ...common, disableAutoFetch: true, disableStream: true, rangeChunkSize: 65536 })
    : pdfjs.getDocument({ ...common, disableRange: true });
}

/** Whether pdf.js has been asked for already (prepareReader at start-up): then nothing is gained by waiting. */
export function pdfJsRequested(): boolean {
  return loaded !== null;
}
