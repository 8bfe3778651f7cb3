import { signal } from '@angular/core';
import { pageAtScroll, turnTarget, type PageTurn } from './page-turn';

/** What the navigation needs from the reader page. */
export interface ReaderNavigationHost {
  /** The element that scrolls the page boxes (`.ph-reader-page[data-page]`). */
  scroller(): HTMLElement | null;
  pageCount(): number;
  /** The current page changed (the reader remembers it per document). */
  changed(page: number): void;
}

/** Room left above a page turned to: half the gap between pages. */
const TOP_MARGIN = 8;
/** A turn has landed once the scroll has been still this long (Safari on iPads has no `scrollend` event). */
const SETTLE_MS = 150;

/**
 * The reader's current page and page turns (buttons, keys, swipes, thumbnails, outline, search, presenter). A turn
 * scrolls smoothly to the page's top; while it is under way the indicator shows where it goes and a second turn
 * starts from there (two quick taps on › go two pages on), instead of following the pages flying past. Scrolling
 * by hand, and any change of layout (rotation, resize, sidebar), read the page under the reading line again.
 */
export class ReaderNavigation {
  readonly current = signal(1);
  private target: number | null = null;
  private frame = 0;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: ReaderNavigationHost) {}

  /** The page being read, or being turned to. */
  reading(): number {
    return this.target ?? this.current();
  }

  turn(turn: PageTurn): void {
    const to = turnTarget(turn, this.reading(), this.host.pageCount());
    if (to !== null) this.goTo(to);
  }

  goTo(n: number, behavior: ScrollBehavior = 'smooth'): void {
    const scroller = this.host.scroller();
    const page = pagesOf(scroller)[n - 1];
    if (!scroller || !page) return;
    this.target = n;
    scroller.scrollTo({ top: page.offsetTop - TOP_MARGIN, behavior });
    this.set(n);
    this.settleLater();
  }

  /** The scroller moved: a turn on its way (wait for it to land) or a hand (read the page now). */
  onScroll(): void {
    if (this.target !== null) this.settleLater();
    else this.measureSoon();
  }

  /** The layout changed under a still scroll position: the page on screen may be another one now. */
  measureSoon(): void {
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => {
      if (this.target === null) this.set(this.measure());
    });
  }

  dispose(): void {
    cancelAnimationFrame(this.frame);
    clearTimeout(this.settleTimer);
  }

  private settleLater(): void {
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => {
      const target = this.target;
      this.target = null;
      // Near the end the scroll cannot bring a page's top up to the reading line: the page turned to stays current
      // while it is in view, or a tap on › would seem to do nothing.
      this.set(target !== null && this.inView(target) ? target : this.measure());
    }, SETTLE_MS);
  }

  private measure(): number {
    const scroller = this.host.scroller();
    if (!scroller) return this.current();
    const tops = pagesOf(scroller).map((p) => p.offsetTop);
    return pageAtScroll(tops, scroller.scrollTop, scroller.clientHeight, scroller.scrollHeight);
  }

  private inView(n: number): boolean {
    const scroller = this.host.scroller();
    const page = pagesOf(scroller)[n - 1];
    if (!scroller || !page) return false;
    return page.offsetTop < scroller.scrollTop + scroller.clientHeight && page.offsetTop + page.offsetHeight > scroller.scrollTop;
  }

  private set(n: number): void {
    if (n === this.current()) return;
    this.current.set(n);
    this.host.changed(n);
  }
}

function pagesOf(scroller: HTMLElement | null): HTMLElement[] {
  return scroller ? Array.from(scroller.querySelectorAll<HTMLElement>('.ph-reader-page[data-page]')) : [];
}
