import { DestroyRef, Directive, ElementRef, inject, input, output } from '@angular/core';
import { swipeTurn, turnForKey, type PageTurn } from './page-turn';

/** Where keys mean something else: typing, menus and dialogs, pickers that move with the arrows. */
const KEYS_BELONG_TO =
  'input, textarea, select, [contenteditable=""], [contenteditable="true"], .cdk-overlay-container, ' +
  '[role="slider"], [role="radio"], [role="radiogroup"], [role="tab"], [role="tablist"], [role="menu"], [role="listbox"], [role="combobox"]';

interface Gesture {
  x: number;
  y: number;
  at: number;
  scrollLeft: number;
}

/**
 * `[phPageTurn]` on the reader's scrolling element: turns pages from the keyboard (PageUp/PageDown, Home/End, and the
 * arrows while the page fits the width) anywhere on the reader page, and from a one-finger horizontal swipe on the
 * pages. It never blocks the browser's own gestures — the listeners are passive, so vertical scrolling and the
 * reader's pinch-zoom go on as before; a second finger cancels the swipe, and when zoomed in a sideways swipe pans.
 * With `[phPageTurnSwipe]="false"` (an annotation tool or the presenter's pen in hand) the finger draws instead.
 */
@Directive({ selector: '[phPageTurn]' })
export class PageTurnDirective {
  readonly phPageTurn = output<PageTurn>();
  readonly phPageTurnSwipe = input(true);

  private readonly el: HTMLElement = inject(ElementRef).nativeElement;
  private gesture: Gesture | null = null;

  constructor() {
    const passive = { passive: true };
    const start = (e: TouchEvent) => this.start(e);
    const move = (e: TouchEvent) => {
      if (e.touches.length !== 1) this.gesture = null;
    };
    const end = (e: TouchEvent) => this.end(e);
    const cancel = () => {
      this.gesture = null;
    };
    const key = (e: KeyboardEvent) => this.key(e);
    this.el.addEventListener('touchstart', start, passive);
    this.el.addEventListener('touchmove', move, passive);
    this.el.addEventListener('touchend', end, passive);
    this.el.addEventListener('touchcancel', cancel, passive);
    document.addEventListener('keydown', key);
    inject(DestroyRef).onDestroy(() => {
      this.el.removeEventListener('touchstart', start);
      this.el.removeEventListener('touchmove', move);
      this.el.removeEventListener('touchend', end);
      this.el.removeEventListener('touchcancel', cancel);
      document.removeEventListener('keydown', key);
    });
  }

  private start(e: TouchEvent): void {
    const t = e.touches[0];
    this.gesture = e.touches.length === 1 && this.phPageTurnSwipe() ? { x: t.clientX, y: t.clientY, at: e.timeStamp, scrollLeft: this.el.scrollLeft } : null;
  }

  private end(e: TouchEvent): void {
    const g = this.gesture;
    this.gesture = null;
    const t = e.changedTouches[0];
    if (!g || !t || e.touches.length > 0 || !this.phPageTurnSwipe()) return;
    // Zoomed in, a sideways swipe is the browser panning the page: it reaches the margins, it does not turn.
    if (this.canPanX() || this.el.scrollLeft !== g.scrollLeft) return;
    const turn = swipeTurn(t.clientX - g.x, t.clientY - g.y, e.timeStamp - g.at);
    if (turn) this.phPageTurn.emit(turn);
  }

  private key(e: KeyboardEvent): void {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    if (e.target instanceof Element && e.target.closest(KEYS_BELONG_TO)) return;
    const turn = turnForKey(e.key, this.canPanX());
    if (!turn) return;
    // The browser would scroll by a screenful instead (PageUp/PageDown, Home/End in the focused scroller).
    e.preventDefault();
    this.phPageTurn.emit(turn);
  }

  private canPanX(): boolean {
    return this.el.scrollWidth > this.el.clientWidth + 1;
  }
}
