import type { AnnotationTarget, PageRect } from '@phonghop/contracts';

/**
 * Drawing maths in page-normalised coordinates (pure). A page is drawn in an SVG whose viewBox is `VIEW_WIDTH` wide
 * and `VIEW_WIDTH × aspect` high (aspect = page height / width), so x and y scale alike at any zoom; stroke widths
 * are fractions of the page width.
 */
export const VIEW_WIDTH = 1000;
/** A stroke longer than this is stored as several annotations (one request body stays well under 100 kB). */
export const MAX_STROKE_POINTS = 2500;
/** Pen width as a fraction of the page width (≈ 2.5 px on a tablet's fit-width page). */
export const PEN_WIDTH = 0.0035;
export const SHAPE_WIDTH = 0.003;
/** Closer points than this (page widths) add nothing to a stroke. */
export const MIN_POINT_DISTANCE = 0.0015;

export type Point = number[];

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

export const round4 = (v: number) => Math.round(v * 10_000) / 10_000;
const r1 = (v: number) => Math.round(v * 10) / 10;

/** A pointer position on a page box → page coordinates (pressure kept only when the pen gives one). */
export function pagePoint(clientX: number, clientY: number, box: Box, pressure?: number): Point {
  const x = round4(clamp((clientX - box.left) / box.width, -0.5, 1.5));
  const y = round4(clamp((clientY - box.top) / box.height, -0.5, 1.5));
  return pressure === undefined ? [x, y] : [x, y, Math.round(clamp(pressure, 0, 1) * 100) / 100];
}

/** Adds a point unless it is too close to the last one (distance measured in page widths). */
export function addPoint(points: Point[], p: Point, aspect: number, minDistance = MIN_POINT_DISTANCE): boolean {
  const last = points[points.length - 1];
  if (last && Math.hypot(p[0] - last[0], (p[1] - last[1]) * aspect) < minDistance) return false;
  points.push(p);
  return true;
}

const vx = (x: number) => r1(x * VIEW_WIDTH);
const vy = (y: number, aspect: number) => r1(y * VIEW_WIDTH * aspect);

/** A stroke of constant width as an SVG path (draw with a round-capped `stroke`). */
export function strokePath(points: readonly Point[], aspect: number): string {
  if (!points.length) return '';
  const [first, ...rest] = points;
  const head = `M${vx(first[0])} ${vy(first[1], aspect)}`;
  // A single tap still shows a dot.
  if (!rest.length) return `${head}h0.1`;
  return head + rest.map((p) => `L${vx(p[0])} ${vy(p[1], aspect)}`).join('');
}

/** Does the stroke carry pen pressure (then it is drawn as an outline of varying width)? */
export function hasPressure(points: readonly Point[]): boolean {
  return points.length > 1 && points.some((p) => p.length === 3);
}

/** Half the width at a point: pressure 0.5 (or none) gives the nominal width. */
function halfWidth(p: Point, width: number): number {
  const pressure = p.length === 3 ? p[2] : 0.5;
  return (width * VIEW_WIDTH * (0.35 + 1.3 * pressure)) / 2;
}

/** A pressure stroke as a filled outline: both edges offset along the normal, round ends. */
export function outlinePath(points: readonly Point[], width: number, aspect: number): string {
  const pts = points.map((p) => ({ x: p[0] * VIEW_WIDTH, y: p[1] * VIEW_WIDTH * aspect, w: halfWidth(p, width) }));
  if (pts.length < 2) return '';
  const left: string[] = [];
  const right: string[] = [];
  pts.forEach((p, i) => {
    const a = pts[Math.max(0, i - 1)];
    const b = pts[Math.min(pts.length - 1, i + 1)];
    const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
    const nx = -(b.y - a.y) / len;
    const ny = (b.x - a.x) / len;
    left.push(`${r1(p.x + nx * p.w)} ${r1(p.y + ny * p.w)}`);
    right.push(`${r1(p.x - nx * p.w)} ${r1(p.y - ny * p.w)}`);
  });
  const end = pts[pts.length - 1].w;
  const start = pts[0].w;
  right.reverse();
  return `M${left.join('L')}A${r1(end)} ${r1(end)} 0 0 0 ${right.join('L')}A${r1(start)} ${r1(start)} 0 0 0 ${left[0]}Z`;
}

/** The box spanned by a drag from `a` to `b`. */
export function boxOf(a: Point, b: Point): PageRect {
  return { x: round4(Math.min(a[0], b[0])), y: round4(Math.min(a[1], b[1])), w: round4(Math.abs(b[0] - a[0])), h: round4(Math.abs(b[1] - a[1])) };
}

/** An arrow from (x1, y1) to (x2, y2): the shaft and a head, in view units. */
export function arrowPath(from: Point, to: Point, aspect: number): string {
  const x1 = from[0] * VIEW_WIDTH;
  const y1 = from[1] * VIEW_WIDTH * aspect;
  const x2 = to[0] * VIEW_WIDTH;
  const y2 = to[1] * VIEW_WIDTH * aspect;
  const len = Math.hypot(x2 - x1, y2 - y1) || 1;
  const head = Math.min(24, len / 2);
  const ux = (x2 - x1) / len;
  const uy = (y2 - y1) / len;
  const side = (sign: number) => `${r1(x2 - ux * head - uy * head * 0.55 * sign)} ${r1(y2 - uy * head + ux * head * 0.55 * sign)}`;
  return `M${r1(x1)} ${r1(y1)}L${r1(x2)} ${r1(y2)}M${side(1)}L${r1(x2)} ${r1(y2)}L${side(-1)}`;
}

/** The box an annotation covers on its page (for menus, labels and hit areas); null when it has no geometry. */
export function boundsOf(target: AnnotationTarget): PageRect | null {
  const xs: number[] = [];
  const ys: number[] = [];
  const add = (x: number, y: number) => {
    xs.push(x);
    ys.push(y);
  };
  for (const r of target.rects ?? []) {
    add(r.x, r.y);
    add(r.x + r.w, r.y + r.h);
  }
  if (target.at) {
    add(target.at.x, target.at.y);
    add(target.at.x + target.at.w, target.at.y + target.at.h);
  }
  for (const s of target.strokes ?? []) for (const p of s.points) add(p[0], p[1]);
  if (!xs.length) return null;
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y };
}

export function clamp(v: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, v));
}

/** The outline of a shape being dragged from `a` to `b` (rectangle, ellipse or arrow), in view units. */
export function shapePath(shape: 'rect' | 'ellipse' | 'arrow', a: Point, b: Point, aspect: number): string {
  if (shape === 'arrow') return arrowPath(a, b, aspect);
  const box = boxOf(a, b);
  const x = r1(box.x * VIEW_WIDTH);
  const y = r1(box.y * VIEW_WIDTH * aspect);
  const w = r1(box.w * VIEW_WIDTH);
  const h = r1(box.h * VIEW_WIDTH * aspect);
  if (shape === 'rect') return `M${x} ${y}h${w}v${h}h${-w}Z`;
  const rx = r1(w / 2);
  const ry = r1(h / 2);
  return `M${x} ${r1(y + h / 2)}a${rx} ${ry} 0 1 0 ${w} 0a${rx} ${ry} 0 1 0 ${-w} 0Z`;
}
