import { MAX_STROKE_POINTS, addPoint, pagePoint, shapePath, strokePath, type Point } from '../model/geometry';
import { NO_PEN, roleOf, type PenMemory } from '../model/pointer-policy';
import type { ShapeKind } from '../sync/annotation-session';

/** What the pointer input needs from the page overlay it works on. */
export interface PageInputHost {
  svg(): SVGSVGElement | null;
  aspect(): number;
  tool(): 'pen' | 'shape' | 'other';
  shape(): ShapeKind;
  /** The live preview of the stroke or shape being drawn (null: none). */
  preview(d: string | null): void;
  commitInk(points: Point[]): void;
  commitShape(shape: ShapeKind, from: Point, to: Point): void;
}

/** Drags shorter than this (page widths) make no shape. */
const MIN_SHAPE = 0.01;

/**
 * Pointer Events on one page overlay while the pen or a shape tool is in hand: who draws (`roleOf`: pen, mouse, a
 * finger when no pen is in use; palms ignored), the stroke's points (coalesced events, page-normalised, pressure
 * from a pen) and the drag of a shape. Touches that do not draw scroll the reader by hand (the overlay has
 * `touch-action: none` so a finger can draw); a second finger ends a finger stroke and the two scroll together,
 * while the reader's own touch handlers still pinch-zoom.
 */
export class PageInput {
  private pen: PenMemory = NO_PEN;
  private readonly touches = new Map<number, { x: number; y: number }>();
  private readonly pans = new Map<number, { x: number; y: number }>();
  private stroke: { pointerId: number; pointerType: string; points: Point[] } | null = null;
  private drag: { pointerId: number; from: Point; to: Point } | null = null;

  constructor(private readonly host: PageInputHost) {}

  down(e: PointerEvent): void {
    const now = performance.now();
    const others = this.touches.size;
    if (e.pointerType === 'touch') this.touches.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (e.pointerType === 'pen') this.pen = { penDown: true, lastPenAt: now };
    const role = roleOf({ pointerType: e.pointerType, width: e.width, height: e.height }, this.pen, now, others);
    if (role === 'ignore') return;
    if (role === 'pan') {
      // A second finger: what the first one began drawing was the start of a gesture; both scroll now.
      const first = this.stroke?.pointerType === 'touch' ? this.stroke.pointerId : this.drag && this.touches.has(this.drag.pointerId) ? this.drag.pointerId : null;
      if (first !== null) {
        this.abandon();
        const at = this.touches.get(first);
        if (at) this.pans.set(first, at);
      }
      this.pans.set(e.pointerId, { x: e.clientX, y: e.clientY });
      return;
    }
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    const svg = this.host.svg();
    if (!svg || this.stroke || this.drag) return;
    const p = this.point(e, svg);
    if (this.host.tool() === 'pen') this.stroke = { pointerId: e.pointerId, pointerType: e.pointerType, points: [p] };
    else if (this.host.tool() === 'shape') this.drag = { pointerId: e.pointerId, from: p, to: p };
    else return;
    e.preventDefault();
    svg.setPointerCapture?.(e.pointerId);
    this.show();
  }

  move(e: PointerEvent): void {
    if (e.pointerType === 'pen') this.pen = { ...this.pen, lastPenAt: performance.now() };
    if (this.touches.has(e.pointerId)) this.touches.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (this.pans.has(e.pointerId)) {
      this.pan(e);
      return;
    }
    const svg = this.host.svg();
    if (!svg) return;
    if (this.stroke?.pointerId === e.pointerId) {
      const events = typeof e.getCoalescedEvents === 'function' ? e.getCoalescedEvents() : [];
      for (const ev of events.length ? events : [e]) addPoint(this.stroke.points, this.point(ev, svg), this.host.aspect());
      // Very long strokes are kept as several annotations (each request stays small).
      if (this.stroke.points.length >= MAX_STROKE_POINTS) {
        const last = this.stroke.points[this.stroke.points.length - 1];
        this.host.commitInk(this.stroke.points);
        this.stroke = { ...this.stroke, points: [last] };
      }
      this.show();
    } else if (this.drag?.pointerId === e.pointerId) {
      this.drag.to = this.point(e, svg);
      this.show();
    }
  }

  up(e: PointerEvent): void {
    this.release(e);
    if (this.stroke?.pointerId === e.pointerId) {
      const points = this.stroke.points;
      this.stroke = null;
      this.host.commitInk(points);
    } else if (this.drag?.pointerId === e.pointerId) {
      const { from, to } = this.drag;
      this.drag = null;
      if (Math.max(Math.abs(to[0] - from[0]), Math.abs(to[1] - from[1]) * this.host.aspect()) >= MIN_SHAPE) this.host.commitShape(this.host.shape(), from, to);
      else this.host.preview(null);
    }
  }

  cancel(e: PointerEvent): void {
    this.release(e);
    if (this.stroke?.pointerId === e.pointerId || this.drag?.pointerId === e.pointerId) this.abandon();
  }

  /** Drops what is being drawn (tool changed, gesture started). */
  abandon(): void {
    this.stroke = null;
    this.drag = null;
    this.host.preview(null);
  }

  private release(e: PointerEvent): void {
    this.touches.delete(e.pointerId);
    this.pans.delete(e.pointerId);
    if (e.pointerType === 'pen') this.pen = { penDown: false, lastPenAt: performance.now() };
  }

  private point(e: PointerEvent, svg: SVGSVGElement): Point {
    const box = svg.getBoundingClientRect();
    return pagePoint(e.clientX, e.clientY, box, e.pointerType === 'pen' && e.pressure > 0 ? e.pressure : undefined);
  }

  private show(): void {
    const aspect = this.host.aspect();
    if (this.stroke) this.host.preview(strokePath(this.stroke.points, aspect));
    else if (this.drag) this.host.preview(shapePath(this.host.shape(), this.drag.from, this.drag.to, aspect));
  }

  /** Scrolls the reader by the movement of the fingers' centre. */
  private pan(e: PointerEvent): void {
    const before = centre(this.pans);
    this.pans.set(e.pointerId, { x: e.clientX, y: e.clientY });
    const after = centre(this.pans);
    const scroller = scrollParent(this.host.svg());
    scroller?.scrollBy({ left: before.x - after.x, top: before.y - after.y, behavior: 'instant' });
  }
}

function centre(points: Map<number, { x: number; y: number }>): { x: number; y: number } {
  let x = 0;
  let y = 0;
  for (const p of points.values()) {
    x += p.x;
    y += p.y;
  }
  return { x: x / points.size, y: y / points.size };
}

/** The nearest ancestor that scrolls (the reader's page list). */
export function scrollParent(el: Element | null): HTMLElement | null {
  for (let at = el?.parentElement ?? null; at; at = at.parentElement) {
    const style = getComputedStyle(at);
    if (/(auto|scroll)/.test(style.overflowY + style.overflowX) && (at.scrollHeight > at.clientHeight || at.scrollWidth > at.clientWidth)) return at;
  }
  return null;
}
