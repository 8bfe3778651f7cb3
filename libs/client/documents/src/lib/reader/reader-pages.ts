import { signal } from '@angular/core';
import type { PDFDocumentLoadingTask, PDFDocumentProxy, RenderTask, TextLayer } from 'pdfjs-dist';
import type { PdfJs } from './pdf-loader';
import { takeEarlyPage } from './reader-early-page';
import { without } from './reader-util';
import { outputScale } from './zoom';

/** Pages kept drawn around the visible ones; the rest give their canvases back (tablet memory). */
export const KEEP_RENDERED = 8;

interface RenderedPage {
  scale: number;
  /** Drawn before its page box exists (page 1 while the boxes render): attached by the next layout pass. */
  canvas: HTMLCanvasElement | null;
  task: RenderTask | null;
  textLayer: TextLayer | null;
  textDiv: HTMLDivElement | null;
  textDone?: boolean;
}

/** What the reader page tells its pages. */
export interface ReaderPagesHost {
  pdf(): PDFDocumentProxy | null;
  pdfjs(): PdfJs | null;
  /** The loading task of the document on screen (page 1 drawn early belongs to one). */
  task(): PDFDocumentLoadingTask | null;
  /** PDF points → CSS pixels at the current zoom. */
  scale(): number;
  currentPage(): number;
  /** The scroller holding the page boxes (`.ph-reader-page[data-page]`, each with a `.ph-reader-pdf` layer). */
  scroller(): HTMLElement | null;
  /** Page `n` is not of the size its box was given (pages of other sizes): the box is corrected. */
  resize(n: number, width: number, height: number): void;
  /** The first page was just drawn: the page's view is updated now rather than at the next change detection. */
  firstDrawnNow(): void;
  /** Page `n`'s text layer is in its box: search hits and annotations go on it. */
  textReady(n: number): void;
}

/**
 * The reader's pages as pdf.js draws them, lazily: the boxes in view (an IntersectionObserver) are drawn at the
 * current scale, with pdf.js' text layer, at most KEEP_RENDERED kept; page 1 drawn while the app started is taken
 * over (takeEarlyPage). `drawn` is what the template marks as drawn by pdf.js.
 */
export class ReaderPages {
  readonly drawn = signal<ReadonlySet<number>>(new Set());
  private readonly rendered = new Map<number, RenderedPage>();
  private readonly visible = new Set<number>();
  private observer: IntersectionObserver | null = null;
  private observedSlots = 0;
  private firstDone = false;

  constructor(private readonly host: ReaderPagesHost) {}

  /** pdf.js' text layer of page `n`, if drawn. */
  textLayer(n: number): TextLayer | null {
    return this.rendered.get(n)?.textLayer ?? null;
  }

  renderedPages(): IterableIterator<number> {
    return this.rendered.keys();
  }

  /** Canvases drawn before their box existed go in (after a layout pass). */
  attachAll(): void {
    for (const [n, r] of this.rendered) this.attach(n, r);
  }

  /** The `slotCount` page boxes in `scroller` are watched for coming into view (again when their number changes). */
  observe(scroller: HTMLElement, slotCount: number): void {
    if (this.observer && this.observedSlots === slotCount) return;
    this.observer?.disconnect();
    const observer = new IntersectionObserver((entries) => this.onIntersect(entries), { root: scroller, rootMargin: '50% 0px' });
    scroller.querySelectorAll<HTMLElement>('.ph-reader-page').forEach((el) => observer.observe(el));
    this.observer = observer;
    this.observedSlots = slotCount;
  }

  /** After a new scale: what is visible is drawn again, the rest dropped. */
  redraw(): void {
    const scale = this.host.scale();
    for (const [n, r] of this.rendered) {
      if (Math.abs(r.scale - scale) > 0.001) this.release(n);
    }
    for (const n of this.visible) void this.draw(n);
  }

  /** Everything dropped (another document, or the reader going). */
  clear(): void {
    for (const r of this.rendered.values()) {
      r.task?.cancel();
      r.textLayer?.cancel();
    }
    this.rendered.clear();
    this.visible.clear();
    this.observer?.disconnect();
    this.observer = null;
    this.observedSlots = 0;
    this.drawn.set(new Set());
    this.firstDone = false;
  }

  /** Page `n` drawn at the current scale (once; a page of another scale is drawn again). */
  async draw(n: number): Promise<void> {
    const pdf = this.host.pdf();
    const pdfjs = this.host.pdfjs();
    const scale = this.host.scale();
    const existing = this.rendered.get(n);
    if (!pdf || !pdfjs || (existing && Math.abs(existing.scale - scale) < 0.001)) return;
    if (existing) this.release(n);
    const entry: RenderedPage = { scale, canvas: null, task: null, textLayer: null, textDiv: null };
    this.rendered.set(n, entry);
    let page;
    try {
      page = await pdf.getPage(n);
    } catch {
      this.rendered.delete(n);
      return;
    }
    if (this.rendered.get(n) !== entry) return;
    const base = page.getViewport({ scale: 1 });
    this.host.resize(n, base.width, base.height);
    const viewport = page.getViewport({ scale });
    const ratio = outputScale(window.devicePixelRatio, viewport.width, viewport.height);
    // Page 1 drawn by pdf.js while the app started (a link straight to the document): that canvas, if drawn for
    // this document at this size, is the page's own.
    const early = n === 1 ? await takeEarlyPage(this.host.task()) : null;
    if (this.rendered.get(n) !== entry) return;
    const adopted = early && early.page === page && Math.abs(early.scale - scale) < 0.001 && early.ratio === ratio ? early : null;
    const canvas = adopted?.canvas ?? document.createElement('canvas');
    if (!adopted) {
      canvas.width = Math.floor(viewport.width * ratio);
      canvas.height = Math.floor(viewport.height * ratio);
      canvas.className = 'ph-reader-canvas';
    }
    const textDiv = document.createElement('div');
    textDiv.className = 'textLayer';
    entry.canvas = canvas;
    entry.textDiv = textDiv;
    this.attach(n, entry);
    if (!adopted) {
      try {
        entry.task = page.render({ canvas, viewport, transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : undefined });
        await entry.task.promise;
      } catch {
        return;
      }
      if (this.rendered.get(n) !== entry) return;
    }
    this.drawn.update((s) => new Set(s).add(n));
    if (!this.firstDone) {
      // The first page goes on screen now, not at the next change detection (a frame or more later on a busy
      // tablet): its box drops the server's image in the frame its canvas goes in.
      this.firstDone = true;
      this.host.firstDrawnNow();
      this.attach(n, entry);
    }
    try {
      const textContent = await (adopted?.text ?? page.getTextContent());
      if (this.rendered.get(n) !== entry) return;
      entry.textLayer = new pdfjs.TextLayer({ textContentSource: textContent, container: textDiv, viewport });
      await entry.textLayer.render();
      entry.textDone = true;
      if (textDiv.isConnected) this.host.textReady(n);
    } catch {
      // Text is a bonus (search, selection); the page itself is drawn.
    }
  }

  private onIntersect(entries: IntersectionObserverEntry[]): void {
    for (const e of entries) {
      const n = Number((e.target as HTMLElement).dataset['page']);
      if (e.isIntersecting) this.visible.add(n);
      else this.visible.delete(n);
    }
    for (const n of this.visible) void this.draw(n);
    this.trim();
  }

  private trim(): void {
    if (this.rendered.size <= KEEP_RENDERED) return;
    const center = this.host.currentPage();
    const far = [...this.rendered.keys()].filter((n) => !this.visible.has(n)).sort((a, b) => Math.abs(b - center) - Math.abs(a - center));
    for (const n of far.slice(0, this.rendered.size - KEEP_RENDERED)) this.release(n);
  }

  private release(n: number): void {
    const r = this.rendered.get(n);
    if (!r) return;
    r.task?.cancel();
    r.textLayer?.cancel();
    this.rendered.delete(n);
    this.pdfLayer(n)?.replaceChildren();
    this.drawn.update((s) => without(s, n));
  }

  /** pdf.js draws into its own box in the page, under the annotations' overlay. */
  private attach(n: number, entry: RenderedPage): void {
    const host = this.pageElement(n);
    const layer = this.pdfLayer(n);
    if (!host || !layer || !entry.canvas || !entry.textDiv || entry.canvas.parentElement === layer) return;
    host.style.setProperty('--scale-factor', String(entry.scale));
    layer.replaceChildren(entry.canvas, entry.textDiv);
    if (entry.textDone) this.host.textReady(n);
  }

  private pageElement(n: number): HTMLElement | null {
    return this.host.scroller()?.querySelector<HTMLElement>(`.ph-reader-page[data-page="${n}"]`) ?? null;
  }

  private pdfLayer(n: number): HTMLElement | null {
    return this.pageElement(n)?.querySelector<HTMLElement>(':scope > .ph-reader-pdf') ?? null;
  }
}
