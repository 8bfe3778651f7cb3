import type { PDFDocumentLoadingTask, PDFPageProxy, RenderTask } from 'pdfjs-dist';
import type { KeyValueStore } from './last-page';
import { removeEarlyShell, showEarlyCanvas } from './reader-early-shell';
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

/**
 * The reader's fit width last measured on this device, for this window width (a tablet keeps its orientations), and
 * where page 1's box was in the window then (left, top).
 */
export const FIT_WIDTH_STORAGE_KEY = 'phonghop.reader.fitWidth';
/** The reader's side panel (page images) is open from this window width on, 168 px and its 1 px border. */
export const SIDEBAR_FROM = 900;
export const SIDEBAR_WIDTH = 169;
/**
 * Page 1's box below the app bar, the reader's tool bar and the pages' top padding, with no notice above the pages
 * (measured at 1280 × 800; the reader-navigation e2e checks it).
 */
export const PAGE_ONE_TOP = 143;

/** Where the reader puts page 1 at fit width, in CSS pixels of the window. */
export interface PageOnePlace {
  left: number;
  top: number;
  width: number;
}

let pending: Pending | null = null;

interface Remembered {
  window?: unknown;
  fit?: unknown;
  left?: unknown;
  top?: unknown;
}

function remembered(innerWidth: number, store: KeyValueStore | null | undefined): Remembered | null {
  try {
    const seen = JSON.parse(store?.getItem(FIT_WIDTH_STORAGE_KEY) ?? 'null') as Remembered | null;
    return seen && seen.window === innerWidth ? seen : null;
  } catch {
    // Not ours or broken: the layout's rule.
    return null;
  }
}

/**
 * The width the reader will give page 1 at fit width in a window `innerWidth` wide: the width it measured last time
 * in a window this wide, else what its layout gives (the reader takes the whole width under the app bar, less the
 * side panel and the padding; fitWidthIn).
 */
export function expectedFitWidth(innerWidth: number, store: KeyValueStore | null | undefined): number {
  const seen = remembered(innerWidth, store);
  if (seen && typeof seen.fit === 'number' && seen.fit >= 200) return seen.fit;
  return Math.max(200, innerWidth - (innerWidth >= SIDEBAR_FROM ? SIDEBAR_WIDTH : 0) - 2 * SIDE_PADDING);
}

/** Where page 1's box will be (expectedFitWidth for its width): as last seen in a window this wide, else the layout's rule. */
export function expectedPageOnePlace(innerWidth: number, store: KeyValueStore | null | undefined): PageOnePlace {
  const width = expectedFitWidth(innerWidth, store);
  const seen = remembered(innerWidth, store);
  if (seen && typeof seen.left === 'number' && typeof seen.top === 'number') return { left: seen.left, top: seen.top, width };
  return { left: (innerWidth >= SIDEBAR_FROM ? SIDEBAR_WIDTH : 0) + SIDE_PADDING, top: PAGE_ONE_TOP, width };
}

/** Called by the reader with the fit width it measured and where page 1's box is (scrolled to the top). */
export function rememberFitWidth(innerWidth: number, fit: number, store: KeyValueStore | null | undefined, place?: { left: number; top: number }): void {
  try {
    const now = { left: Math.round(place?.left ?? NaN), top: Math.round(place?.top ?? NaN) };
    const was = expectedPageOnePlace(innerWidth, store);
    const placeKnown = Number.isFinite(now.left) && Number.isFinite(now.top);
    if (was.width === fit && (!placeKnown || (was.left === now.left && was.top === now.top))) return;
    store?.setItem(FIT_WIDTH_STORAGE_KEY, JSON.stringify(placeKnown ? { window: innerWidth, fit, ...now } : { window: innerWidth, fit }));
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
  // A previous one stops; the box on screen (showEarlyShell) stays for this one.
  pending?.cancel();
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
    // On screen now, before the app has started (showEarlyShell put the server's image there).
    showEarlyCanvas(canvas, viewport.width, viewport.height);
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
  if (!p || !task) {
    removeEarlyShell();
    return null;
  }
  if ((await p.task) !== task) {
    if (pending === p) dropEarlyPage();
    return null;
  }
  if (pending === p) pending = null;
  const early = await p.page;
  // The reader puts the canvas into its own page box in this same task: nothing is painted in between.
  removeEarlyShell();
  early?.canvas.style.removeProperty('width');
  early?.canvas.style.removeProperty('height');
  return early;
}

/** Page 1 drawn early is not wanted (or the app is elsewhere): its drawing stops, and its box goes. */
export function dropEarlyPage(): void {
  pending?.cancel();
  pending = null;
  removeEarlyShell();
}
