import type { PageRect } from '@phonghop/contracts';
import type { ViewItem } from './annotation-state';
import { SHAPE_WIDTH, VIEW_WIDTH, arrowPath, boundsOf, hasPressure, outlinePath, strokePath } from './geometry';

/** Size of a note's pin, in view units (a thousandth of the page width). */
export const NOTE_SIZE = 34;
/** Extra room around thin things so a finger can tap them (view units). */
const HIT_PAD = 16;

export interface RenderPath {
  d: string;
  /** true: a filled outline (pen pressure); false: a stroke of `width`. */
  filled: boolean;
  width: number;
}

/** One annotation as the SVG overlay draws it, everything in view units (pure). */
export interface RenderItem {
  id: string;
  kind: ViewItem['kind'];
  color: string;
  mine: boolean;
  pending: boolean;
  conflict: boolean;
  shared: boolean;
  ownerName: string;
  paths: RenderPath[];
  rects: PageRect[];
  rect: PageRect | null;
  ellipse: { cx: number; cy: number; rx: number; ry: number } | null;
  note: { x: number; y: number } | null;
  /** Shapes: the line width. */
  strokeWidth: number;
  /** The tap area (the item's box, padded). */
  hit: PageRect;
  /** Where the owner's name goes on someone else's annotation. */
  label: { x: number; y: number };
}

export function renderItem(item: ViewItem, aspect: number): RenderItem {
  const t = item.target;
  const sx = (x: number) => x * VIEW_WIDTH;
  const sy = (y: number) => y * VIEW_WIDTH * aspect;
  const box = (r: PageRect): PageRect => ({ x: sx(r.x), y: sy(r.y), w: sx(r.w), h: sy(r.h) });
  const out: RenderItem = {
    id: item.id,
    kind: item.kind,
    color: item.color,
    mine: item.mine,
    pending: item.pending,
    conflict: !!item.conflictOf,
    shared: item.visibility !== 'private',
    ownerName: item.ownerName,
    paths: [],
    rects: [],
    rect: null,
    ellipse: null,
    note: null,
    strokeWidth: SHAPE_WIDTH * VIEW_WIDTH,
    hit: { x: 0, y: 0, w: 0, h: 0 },
    label: { x: 0, y: 0 },
  };
  if (item.kind === 'ink') {
    for (const s of t.strokes ?? []) {
      const pressure = hasPressure(s.points);
      out.paths.push({ d: pressure ? outlinePath(s.points, s.width, aspect) : strokePath(s.points, aspect), filled: pressure, width: s.width * VIEW_WIDTH });
    }
  } else if (item.kind === 'highlight') {
    out.rects = (t.rects ?? []).map(box);
  } else if (item.kind === 'note' && t.at) {
    out.note = { x: sx(t.at.x), y: sy(t.at.y) };
  } else if (item.kind === 'shape') {
    const width = (t.strokes?.[0]?.width ?? SHAPE_WIDTH) * VIEW_WIDTH;
    out.strokeWidth = width;
    const pts = t.strokes?.[0]?.points;
    if (t.shape === 'arrow' && pts && pts.length >= 2) out.paths.push({ d: arrowPath(pts[0], pts[pts.length - 1], aspect), filled: false, width });
    else if (t.at && t.shape === 'ellipse') {
      const b = box(t.at);
      out.ellipse = { cx: b.x + b.w / 2, cy: b.y + b.h / 2, rx: b.w / 2, ry: b.h / 2 };
    } else if (t.at) out.rect = box(t.at);
  }
  const bounds = boundsOf(t);
  const b = out.note ? { x: out.note.x, y: out.note.y, w: NOTE_SIZE, h: NOTE_SIZE } : bounds ? box(bounds) : { x: 0, y: 0, w: 0, h: 0 };
  out.hit = { x: b.x - HIT_PAD, y: b.y - HIT_PAD, w: b.w + 2 * HIT_PAD, h: b.h + 2 * HIT_PAD };
  out.label = { x: b.x, y: Math.max(14, b.y - 6) };
  return out;
}
