import type { PDFDocumentLoadingTask, PDFWorker } from 'pdfjs-dist';

/** pdf.js lives in its own lazy chunk: nothing of it is in the initial bundle. */
export type PdfJs = typeof import('pdfjs-dist');

/** Build assets copied by apps/web/project.json (worker, standard fonts, image decoders). */
export const PDFJS_ASSET_DIR = 'pdfjs/';

let loaded: Promise<PdfJs> | null = null;
/** One pdf.js worker for every document read in this tab: started once, while the first document's data loads. */
let worker: PDFWorker | null = null;

/** Loads pdf.js and starts its worker; call it as early as possible, the reader awaits it later. */
export function loadPdfJs(): Promise<PdfJs> {
  loaded ??= import('pdfjs-dist').then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerSrc = assetUrl('pdf.worker.min.mjs');
    worker = new pdfjs.PDFWorker();
    return pdfjs;
  });
  return loaded;
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
