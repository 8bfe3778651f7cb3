import type { PDFDocumentLoadingTask, PDFPageProxy, RenderTask } from 'pdfjs-dist';
import type { KeyValueStore } from './last-page';
import { SIDE_PADDING, fitWidthScale, outputScale } from './zoom';

type TextContent = Awaited<ReturnType<PDFPageProxy['getTextContent']>>;

/** Page 1 drawn by pdf.js before the reader exists, for the reader to show as its own (takeEarlyPage). */
export interface EarlyPage {
  task: PDFDocumentLoadingTask;
  page: PDFPageProxy;
  /** PDF points → CSS pixels it was drawn at, and the canvas' backing-store ratio. */
  scale: number;
  ratio: number;
  canvas: HTMLCanvasElement;
  /** Its text, asked for as soon as it was drawn: the reader builds the text layer from it. */
  text: Promise<TextContent>;
}

interface Pending {
  task: Promise<PDFDocumentLoadingTask | null>;
  page: Promise<EarlyPage | null>;
  cancel: () => void;
}

/** The reader's fit width last measured on this device, for this window width (a tablet keeps its orientations). */
export const FIT_WIDTH_STORAGE_KEY = 'phonghop.reader.fitWidth';
/** The reader's side panel (page images) is open from this window width on, 168 px and its 1 px border. */
export const SIDEBAR_FROM = 900;
export const SIDEBAR_WIDTH = 169;

let pending: Pending | null = null;

/**
 * The width the reader will give page 1 at fit width in a window `innerWidth` wide: the width it measured last time
 * in a window this wide, else what its layout gives (the reader takes the whole width under the app bar, less the
 * side panel and the padding; fitWidthIn).
 */
export function expectedFitWidth(innerWidth: number, store: KeyValueStore | null | undefined): number {
  try {
    const seen = JSON.parse(store?.getItem(FIT_WIDTH_STORAGE_KEY) ?? 'null') as { window?: unknown; fit?: unknown } | null;
    if (seen && seen.window === innerWidth && typeof seen.fit === 'number' && seen.fit >= 200) return seen.fit;
  } catch {
    // Not ours or broken: the layout's rule.
  }
  return Math.max(200, innerWidth - (innerWidth >= SIDEBAR_FROM ? SIDEBAR_WIDTH : 0) - 2 * SIDE_PADDING);
}

/** Called by the reader with the fit width it measured. */
export function rememberFitWidth(innerWidth: number, fit: number, store: KeyValueStore | null | undefined): void {
  try {
    if (expectedFitWidth(innerWidth, store) !== fit) store?.setItem(FIT_WIDTH_STORAGE_KEY, JSON.stringify({ window: innerWidth, fit }));
  } catch {
    // Storage full or refused: the next open uses the layout's rule.
  }
}

/**
 * A link straight to a document, opening at page 1: pdf.js draws page 1 as soon as its loading task (`task`) has the
 * document, at the width the reader will give it, while Angular still boots; the reader then shows that canvas
 * instead of drawing it again (takeEarlyPage), and builds its text layer. A newer call drops the previous one.
 * Settles once page 1 is drawn (or will not be: failed, cancelled).
 */
export function drawFirstPageEarly(task: Promise<PDFDocumentLoadingTask | null>): Promise<unknown> {
  dropEarlyPage();
  let cancelled = false;
  let render: RenderTask | null = null;
  const page = (async (): Promise<EarlyPage | null> => {
    const t = await task;
    if (!t || cancelled) return null;
    const pdf = await t.promise;
    const first = await pdf.getPage(1);
    if (cancelled) return null;
    const scale = fitWidthScale(expectedFitWidth(window.innerWidth, globalThis.localStorage), first.getViewport({ scale: 1 }).width);
    const viewport = first.getViewport({ scale });
    const ratio = outputScale(window.devicePixelRatio, viewport.width, viewport.height);
    const canvas = document.createElement('canvas');
    canvas.width = Math.floor(viewport.width * ratio);
    canvas.height = Math.floor(viewport.height * ratio);
    canvas.className = 'ph-reader-canvas';
    render = first.render({ canvas, viewport, transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : undefined });
    await render.promise;
    if (cancelled) return null;
    const text = first.getTextContent();
    text.catch(() => undefined);
    return { task: t, page: first, scale, ratio, canvas, text };
  })().catch(() => null);
  const cancel = () => {
    cancelled = true;
    render?.cancel();
  };
  pending = { task, page, cancel };
  return page;
}

/**
 * Page 1 drawn early for the document `task` loads, once drawn (null: none, failed, or for another loading task,
 * which is then dropped). Taken once.
 */
export async function takeEarlyPage(task: PDFDocumentLoadingTask | null): Promise<EarlyPage | null> {
  const p = pending;
  if (!p || !task) return null;
  if ((await p.task) !== task) {
    if (pending === p) dropEarlyPage();
    return null;
  }
  if (pending === p) pending = null;
  return p.page;
}

export function dropEarlyPage(): void {
  pending?.cancel();
  pending = null;
}
