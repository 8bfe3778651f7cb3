import { NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  ChangeDetectorRef,
  Component,
  DestroyRef,
  ElementRef,
  ViewEncapsulation,
  afterRenderEffect,
  computed,
  effect,
  inject,
  input,
  numberAttribute,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import { AnnotationLayerComponent, AnnotationSession, AnnotationToggleComponent, AnnotationToolbarComponent } from '@phonghop/client-annotations';
import { DocumentsApi } from '@phonghop/client-data-access';
import { I18N_PIPES, I18nService, type MessageKey } from '@phonghop/client-i18n';
import type { DocumentDto } from '@phonghop/contracts';
import type { PDFDocumentLoadingTask, PDFDocumentProxy } from 'pdfjs-dist';
import { firstValueFrom } from 'rxjs';
import { OfflineDocuments } from '../offline/offline-documents.service';
import { PresenterBarComponent, PresenterInkComponent, PresenterSession } from '../presenter';
import { readLastPage, rememberLastPage } from './last-page';
import { ReaderPageNavComponent } from './page-nav.component';
import { PageTurnDirective } from './page-turn.directive';
import { loadPdfJs, openPdf, pdfJsRequested, type PdfJs, type PdfSource } from './pdf-loader';
import { ReaderNavigation } from './reader-navigation';
import { outlinePage, readOutline, type OutlineNode } from './reader-outline';
import { dropEarlyPage, rememberFitWidth } from './reader-early-page';
import { ReaderPages } from './reader-pages';
import { documentNoticeAbove, openCurrentEarly, readerDocument, storedSize, takeEarlyOpen } from './reader-prefetch';
import { fetchHead } from './reader-ranges';
import { ReaderSearch } from './reader-search';
import { nextFrame } from './reader-util';
import { clampZoom, fitWidthIn, fitWidthScale, stepZoom, touchDistance } from './zoom';
import { SignatureBadgeComponent } from '../signatures/signature-badge.component';

type PageSize = { width: number; height: number };

type LoadState = 'loading' | 'ready' | 'error' | 'notSaved' | 'notFound';

/** After this long still loading, the image of page 1 gets a progress bar. */
const SLOW_LOAD_MS = 1000;

/**
 * `/meetings/:meetingId/documents/:documentId`: reads one PDF with pdf.js, tablet-first. Online it loads
 * by HTTP Range (first page without the whole file); offline or once the tablet keeps a copy it reads
 * the service worker's full copy. Pages draw lazily as they scroll into view (`ReaderPages`), zoom by buttons, pinch or
 * ctrl+wheel (relative to fit-width), search highlights hits in the text layer with next/previous, the
 * sidebar shows page images and the outline, and the last page read is remembered per document. Pages turn with
 * ‹ › (`ReaderPageNavComponent`), the keyboard and a swipe (`PageTurnDirective`); `ReaderNavigation` keeps the
 * current page. With "Ghi chú" on, each page carries the person's annotations and the tools
 * (@phonghop/client-annotations). In a narrow reader (a tablet in portrait) zoom moves into a "more" menu so
 * the toolbar stays one row.
 */
@Component({
  selector: 'ph-document-reader-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  // pdf.js builds the text layer's DOM itself; its styles must reach those elements.
  encapsulation: ViewEncapsulation.None,
  imports: [
    SignatureBadgeComponent,
    AnnotationLayerComponent,
    AnnotationToggleComponent,
    AnnotationToolbarComponent,
    MatButtonModule,
    MatIconModule,
    MatMenuModule,
    MatProgressBarModule,
    MatTooltipModule,
    NgTemplateOutlet,
    PageTurnDirective,
    PresenterBarComponent,
    PresenterInkComponent,
    ReaderPageNavComponent,
    RouterLink,
    ...I18N_PIPES,
  ],
  // The annotations of the version on screen (personal notes, synced across devices) and presenter mode.
  providers: [AnnotationSession, PresenterSession],
  templateUrl: './document-reader.page.html',
  styleUrl: './document-reader.page.scss',
})
export class DocumentReaderPage {
  readonly meetingId = input.required<string>();
  readonly documentId = input.required<string>();
  /** Query parameters: a version to read (default current), a page to open at, a search to run. */
  readonly v = input(undefined, { transform: optionalNumber });
  readonly page = input(undefined, { transform: optionalNumber });
  readonly q = input<string | undefined>(undefined);

  private readonly api = inject(DocumentsApi);
  private readonly offline = inject(OfflineDocuments);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly annotations = inject(AnnotationSession);
  private readonly presenter = inject(PresenterSession);
  private readonly destroyRef = inject(DestroyRef);
  private readonly changeDetector = inject(ChangeDetectorRef);

  private readonly scroller = viewChild<ElementRef<HTMLDivElement>>('scroller');

  protected readonly doc = signal<DocumentDto | null>(null);
  protected readonly state = signal<LoadState>('loading');
  protected readonly errorText = signal('');
  protected readonly fromCopy = signal(false);
  protected readonly version = signal(0);
  protected readonly pageCount = signal(0);
  protected readonly sizes = signal<PageSize[]>([]);
  protected readonly available = signal(0);
  protected readonly zoom = signal(1);
  protected readonly nav = new ReaderNavigation({
    scroller: () => this.scroller()?.nativeElement ?? null,
    pageCount: () => this.pageCount(),
    changed: () => this.scheduleSave(),
  });
  protected readonly currentPage = this.nav.current;
  /** A swipe turns the page, unless a finger draws: an annotation tool or the presenter's live pen in hand. */
  protected readonly swipeTurns = computed(
    () => !(this.annotations.enabled() && this.annotations.tool() !== 'none') && !(this.presenter.pen() && this.presenter.isPresenter()),
  );
  /** The pages pdf.js draws, lazily, as they come into view. */
  private readonly pages = new ReaderPages({
    pdf: () => this.pdf,
    pdfjs: () => this.pdfjs,
    task: () => this.task,
    scale: () => this.scale(),
    currentPage: () => this.currentPage(),
    scroller: () => this.scroller()?.nativeElement ?? null,
    resize: (n, width, height) => this.resizePage(n, width, height),
    firstDrawnNow: () => this.changeDetector.detectChanges(),
    textReady: (n) => {
      this.search.paint(n);
      this.annotations.textLayerReady(n);
    },
  });
  protected readonly drawn = this.pages.drawn;
  /** pdf.js has drawn the page the reader opened at: what is not needed for it waits until then. */
  protected readonly firstDrawn = signal(false);
  /** The presenter strip, from the first page drawn on (kept across documents, so a follower keeps following). */
  protected readonly presenterShown = signal(false);
  protected readonly sidebar = signal(typeof window === 'undefined' || window.innerWidth >= 900);
  protected readonly sideTab = signal<'pages' | 'outline'>('pages');
  protected readonly outline = signal<OutlineNode[]>([]);
  protected readonly pinch = signal(1);
  /** The server-made image of page 1, shown at once while pdf.js loads (online, opening at page 1). */
  protected readonly preview = signal<string | null>(null);
  protected readonly previewShown = signal(false);
  /**
   * pdf.js is still loading a second after the image of page 1 went up: only then a progress bar over it. A quick
   * open never shows one, and its animation (a new frame composited every 16 ms) does not compete with pdf.js.
   */
  protected readonly slowLoad = signal(false);
  private slowLoadTimer: ReturnType<typeof setTimeout> | undefined;

  protected readonly search = new ReaderSearch(
    {
      pdf: () => this.pdf,
      textLayer: (n) => this.pages.textLayer(n),
      renderedPages: () => this.pages.renderedPages(),
      currentPage: () => this.currentPage(),
      scrollToPage: (n, behavior) => this.scrollToPage(n, behavior),
    },
    this.i18n,
  );

  protected readonly online = this.offline.online;
  protected readonly newerVersion = computed(() => {
    const d = this.doc();
    return d && d.current.version > this.version() ? d.current.version : null;
  });
  protected readonly scale = computed(() => {
    const first = this.sizes()[0];
    return first ? fitWidthScale(this.available(), first.width) * this.zoom() : 1;
  });
  protected readonly slots = computed(() => {
    const scale = this.scale();
    // Until the first page is drawn, only the boxes up to it and one more: 300 boxes with their layers would hold
    // the main thread, and with it pdf.js' range requests, for a quarter of a second.
    const sizes = this.firstDrawn() ? this.sizes() : this.sizes().slice(0, this.currentPage() + 1);
    return sizes.map((s, i) => ({ n: i + 1, width: Math.floor(s.width * scale), height: Math.floor(s.height * scale) }));
  });
  protected readonly zoomPercent = computed(() => Math.round(this.zoom() * this.pinch() * 100));
  protected readonly thumbnails = computed(() => {
    const d = this.doc();
    const n = this.pageCount();
    // Only once pdf.js has drawn the first page: before that the list (one button per page) and its images would
    // compete with it for the main thread, which also relays pdf.js' messages and range requests.
    if (!d || !n || !this.firstDrawn()) return [];
    const ready = d.current.version === this.version() ? d.current.thumbnailsReady : true;
    return Array.from({ length: n }, (_, i) => ({ n: i + 1, url: ready ? this.api.thumbnailUrl(d.id, this.version(), i + 1) : null }));
  });

  private pdfjs: PdfJs | null = null;
  private task: PDFDocumentLoadingTask | null = null;
  private pdf: PDFDocumentProxy | null = null;
  private resizeObserver: ResizeObserver | null = null;
  private initialPage: number | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private pinchStart: { distance: number; zoom: number } | null = null;
  private loadToken = 0;

  constructor() {
    effect(() => {
      const id = this.documentId();
      const meetingId = this.meetingId();
      const v = this.v();
      untracked(() => void this.open(meetingId, id, v));
    });

    // After the page slots exist in the DOM: observe them, reopen at the remembered page, redraw on zoom.
    afterRenderEffect(() => {
      const slots = this.slots();
      const scroller = this.scroller()?.nativeElement;
      if (!scroller || !slots.length) return;
      untracked(() => this.afterLayout(scroller, slots.length));
    });

    const poll = setInterval(() => void this.checkNewer(), 60_000);
    // A reload or a closed tab does not destroy components: remember the page then too.
    const hide = () => this.saveNow();
    window.addEventListener('pagehide', hide);
    this.destroyRef.onDestroy(() => {
      window.removeEventListener('pagehide', hide);
      clearInterval(poll);
      clearTimeout(this.slowLoadTimer);
      this.search.dispose();
      this.saveNow();
      this.resizeObserver?.disconnect();
      this.nav.dispose();
      // Page 1 drawn early and not shown (the reader left before drawing it): its canvas goes.
      dropEarlyPage();
      this.teardown();
    });
  }

  /** A notice above the pages moves page 1 down (the early box is shown only without one: showsAtUsualPlace). */
  private noticeAbovePages(): boolean {
    const d = this.doc();
    return !this.online() || this.fromCopy() || !!this.newerVersion() || (!!d && documentNoticeAbove(d, this.version()));
  }

  // ---- opening ---------------------------------------------------------------------------------

  private async open(meetingId: string, documentId: string, requested: number | undefined): Promise<void> {
    const token = ++this.loadToken;
    this.teardown();
    this.state.set('loading');
    this.slowLoad.set(false);
    clearTimeout(this.slowLoadTimer);
    this.slowLoadTimer = setTimeout(() => token === this.loadToken && this.slowLoad.set(true), SLOW_LOAD_MS);
    this.fromCopy.set(false);
    // What does not depend on the document starts at once and runs beside the metadata request: the image of
    // page 1 (current version, opening at page 1, online) and pdf.js with its worker, after a frame so that its
    // start-up does not hold the image back. Whether the server (not just the Wi-Fi) is reachable is asked only
    // once page 1 is drawn or loading failed, so that the probe does not compete with the first requests.
    const early = requested === undefined && navigator.onLine && (this.page() ?? readLastPage(globalThis.localStorage, documentId, Number.MAX_SAFE_INTEGER) ?? 1) === 1;
    if (early) this.preview.set(this.api.previewUrl(documentId, 'current'));
    const pdfjsLoading = pdfJsRequested() ? loadPdfJs() : nextFrame().then(() => loadPdfJs());
    pdfjsLoading.catch(() => undefined);
    // The current version's first bytes beside the metadata (unless already under way, or a copy is on the tablet).
    if (requested === undefined && !this.offline.hasSavedVersion(documentId)) openCurrentEarly(documentId);
    const doc = await readerDocument(this.api, meetingId, documentId);
    if (token !== this.loadToken) return;
    if (!doc) {
      this.preview.set(null);
      dropEarlyPage();
      this.state.set('notFound');
      return;
    }
    this.doc.set(doc);
    const version = requested && requested >= 1 && requested <= doc.current.version ? requested : doc.current.version;
    this.version.set(version);
    const pageCount = doc.current.version === version ? doc.current.pageCount : 0;
    this.initialPage = this.page() ?? readLastPage(globalThis.localStorage, doc.id, pageCount || Number.MAX_SAFE_INTEGER);

    const cached = await this.offline.isCached(doc.id, version);
    if (token !== this.loadToken) return;
    if (cached && !this.previewShown()) this.preview.set(null);
    else if (!early && !cached && navigator.onLine && (this.initialPage ?? 1) === 1) this.preview.set(this.api.previewUrl(doc.id, version));
    const sources: PdfSource[] = [];
    if (cached) sources.push({ kind: 'full', url: this.absolute(this.offline.fullCopyUrl(doc.id, version)) });
    // Range loading when not kept on the device, without waiting for the probe: a server out of reach fails the
    // request as fast, and the probe's answer then tells "not saved" from "failed" below. pdf.js may already be
    // loading it (openCurrentEarly); if not, the file's first and last chunks are asked for while pdf.js starts.
    const url = this.absolute(this.api.fileUrl(doc.id, version));
    const loading = await takeEarlyOpen(cached || !navigator.onLine ? null : url);
    if (navigator.onLine) sources.push({ kind: 'range', url, head: cached || loading ? undefined : fetchHead(url, storedSize(doc, version)) });
    if (!sources.length) {
      dropEarlyPage();
      this.state.set('notSaved');
      return;
    }
    for (const source of sources) {
      try {
        this.pdfjs = await pdfjsLoading;
        const task = source.kind === 'range' && loading ? loading : await openPdf(source);
        this.task = task;
        const pdf = await task.promise;
        if (token !== this.loadToken) {
          void task.destroy();
          return;
        }
        this.pdf = pdf;
        this.fromCopy.set(source.kind === 'full');
        if (source.kind === 'full') this.offline.reportOpened(doc.id, version);
        await this.ready(pdf);
        void this.offline.probe();
        // Reading online is also a good moment to keep the copy for later.
        if (source.kind === 'range' && doc.published) this.offline.sync([doc]);
        return;
      } catch (e) {
        if (token !== this.loadToken) return;
        this.errorText.set(e instanceof Error ? e.message : String(e));
      }
    }
    await this.offline.probe();
    if (token !== this.loadToken) return;
    this.preview.set(null);
    dropEarlyPage();
    this.state.set(this.offline.online() ? 'error' : 'notSaved');
  }

  /**
   * The page to open at is drawn at once, at the width the scroller already has, while Angular lays out the page
   * boxes (the next layout pass attaches its canvas); thumbnails, outline and search wait until it is on screen.
   */
  private async ready(pdf: PDFDocumentProxy): Promise<void> {
    const first = await pdf.getPage(1);
    const vp = first.getViewport({ scale: 1 });
    this.pageCount.set(pdf.numPages);
    this.sizes.set(Array.from({ length: pdf.numPages }, () => ({ width: vp.width, height: vp.height })));
    this.currentPage.set(Math.min(this.initialPage ?? 1, pdf.numPages));
    const scroller = this.scroller()?.nativeElement;
    if (scroller) this.available.set(fitWidthIn(scroller));
    this.state.set('ready');
    await this.pages.draw(this.currentPage());
    if (this.pdf !== pdf) return;
    // Opened at another page: page 1 shown before the app started (if it was) goes.
    dropEarlyPage();
    // The next link straight to a document draws page 1 before the reader exists, at this width and place.
    const box = scroller?.querySelector('.ph-reader-page[data-page="1"]')?.getBoundingClientRect();
    rememberFitWidth(window.innerWidth, this.available(), globalThis.localStorage, box && scroller?.scrollTop === 0 && !this.noticeAbovePages() ? box : undefined);
    this.firstDrawn.set(true);
    this.presenterShown.set(true);
    void readOutline(pdf).then((o) => this.pdf === pdf && this.outline.set(o));
    this.search.start(this.q());
  }

  private teardown(): void {
    this.search.reset();
    this.pages.clear();
    this.firstDrawn.set(false);
    this.preview.set(null);
    this.previewShown.set(false);
    this.sizes.set([]);
    this.pageCount.set(0);
    this.outline.set([]);
    void this.task?.destroy();
    this.task = null;
    this.pdf = null;
  }

  private async checkNewer(): Promise<void> {
    const d = this.doc();
    if (!d || !navigator.onLine) return;
    try {
      const fresh = await firstValueFrom(this.api.get(d.id));
      if (fresh.current.version !== d.current.version) this.doc.set(fresh);
    } catch {
      // Next poll.
    }
  }

  protected openNewer(): void {
    void this.router.navigate(['/meetings', this.meetingId(), 'documents', this.documentId()], { queryParams: {} });
    // Same route and no version parameter: the effect sees no input change, so reopen explicitly.
    void this.open(this.meetingId(), this.documentId(), undefined);
  }

  // ---- layout and lazy drawing -------------------------------------------------------------------

  private afterLayout(scroller: HTMLDivElement, slotCount: number): void {
    const width = () => fitWidthIn(scroller);
    this.pages.attachAll();
    if (!this.resizeObserver) {
      // A rotation or resize changes the pages' size under a still scroll position: keep the page being read in
      // view (the next layout pass scrolls back to it), or, when only the height changed, read the page again.
      this.resizeObserver = new ResizeObserver(() => {
        const w = width();
        if (w === this.available()) {
          this.nav.measureSoon();
        } else {
          this.initialPage ??= this.nav.reading();
          this.available.set(w);
        }
      });
      this.resizeObserver.observe(scroller);
    }
    if (!this.available()) {
      // First pass: size the slots to fit the width; this effect runs again with the real layout.
      this.available.set(width());
      return;
    }
    this.pages.observe(scroller, slotCount);
    if (this.initialPage) {
      const page = this.initialPage;
      this.initialPage = null;
      this.scrollToPage(page, 'auto');
    }
    this.pages.redraw();
  }

  /** Pages of other sizes: the slot is corrected; the layout pass draws the page again at the right size. */
  private resizePage(n: number, width: number, height: number): void {
    const size = this.sizes()[n - 1];
    if (size && (Math.abs(size.width - width) > 0.5 || Math.abs(size.height - height) > 0.5)) {
      this.sizes.update((list) => list.map((s, i) => (i === n - 1 ? { width, height } : s)));
    }
  }

  private scheduleSave(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.saveNow(), 600);
  }

  private saveNow(): void {
    clearTimeout(this.saveTimer);
    const d = this.doc();
    if (d && this.state() === 'ready') rememberLastPage(globalThis.localStorage, d.id, this.currentPage());
  }

  protected scrollToPage(n: number, behavior: ScrollBehavior = 'smooth'): void {
    // Before the first page is drawn only the boxes up to it exist: go there once they all do.
    if (n > this.slots().length) this.initialPage = n;
    else this.nav.goTo(n, behavior);
  }

  // ---- zoom ------------------------------------------------------------------------------------

  protected zoomBy(direction: 1 | -1): void {
    this.setZoom(stepZoom(this.zoom(), direction));
  }

  protected fitWidth(): void {
    this.setZoom(1);
  }

  protected setZoom(zoom: number): void {
    const next = clampZoom(zoom);
    if (next === this.zoom()) return;
    const page = this.nav.reading();
    this.zoom.set(next);
    // Keep the same page in view once the slots have their new size.
    this.initialPage = page;
  }

  protected onWheel(event: WheelEvent): void {
    if (!event.ctrlKey) return;
    event.preventDefault();
    this.setZoom(this.zoom() * (event.deltaY < 0 ? 1.1 : 1 / 1.1));
  }

  protected onTouchStart(event: TouchEvent): void {
    if (event.touches.length === 2) this.pinchStart = { distance: touchDistance(event.touches[0], event.touches[1]), zoom: this.zoom() };
  }

  protected onTouchMove(event: TouchEvent): void {
    if (!this.pinchStart || event.touches.length !== 2) return;
    event.preventDefault();
    const ratio = touchDistance(event.touches[0], event.touches[1]) / this.pinchStart.distance;
    this.pinch.set(clampZoom(this.pinchStart.zoom * ratio) / this.pinchStart.zoom);
  }

  protected onTouchEnd(): void {
    if (!this.pinchStart) return;
    const target = this.pinchStart.zoom * this.pinch();
    this.pinchStart = null;
    this.pinch.set(1);
    this.setZoom(target);
  }

  // ---- sidebar -----------------------------------------------------------------------------------

  protected async openOutline(node: OutlineNode): Promise<void> {
    const page = this.pdf && (await outlinePage(this.pdf, node));
    if (page) this.scrollToPage(page);
  }

  protected toggleSidebar(): void {
    this.sidebar.update((v) => !v);
  }

  protected stateKey(): MessageKey {
    switch (this.state()) {
      case 'notSaved':
        return 'reader.notSaved';
      case 'notFound':
        return 'reader.notFound';
      default:
        return 'reader.loadFailed';
    }
  }

  private absolute(url: string): string {
    return new URL(url, document.baseURI).href;
  }
}

function optionalNumber(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = numberAttribute(value, NaN);
  return Number.isFinite(n) ? n : undefined;
}
