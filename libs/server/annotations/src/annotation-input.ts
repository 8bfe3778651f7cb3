import {
  ANNOTATION_BODY_MAX,
  ANNOTATION_KINDS,
  ANNOTATION_POINTS_MAX,
  ANNOTATION_STROKES_MAX,
  type AnnotationFields,
  type AnnotationOp,
  type AnnotationTarget,
  isUuid,
} from '@phonghop/contracts';

/**
 * Shape checks for ops from devices (JSON from outside). Positions are page-normalised; a little outside 0..1 is
 * allowed (a stroke that runs off the edge), nothing absurd.
 */
const OP_ID = /^[A-Za-z0-9_-]{8,64}$/;
const COLOR = /^#[0-9a-fA-F]{6}$/;
const coord = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= -0.5 && v <= 1.5;
const size = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 2;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const rect = (v: unknown) => isObject(v) && coord(v['x']) && coord(v['y']) && size(v['w']) && size(v['h']);
const text = (v: unknown, max: number) => typeof v === 'string' && v.length <= max;

export function targetProblem(t: unknown, pageCount: number): string | null {
  if (!isObject(t)) return 'target: an object';
  const target = t as Partial<AnnotationTarget>;
  if (!Number.isInteger(target.page) || (target.page ?? 0) < 1 || (target.page ?? 0) > pageCount) return `target.page: 1–${pageCount}`;
  if (target.rects !== undefined && !(Array.isArray(target.rects) && target.rects.length <= 500 && target.rects.every(rect))) return 'target.rects: page rectangles';
  if (target.at !== undefined && !rect(target.at)) return 'target.at: a page rectangle';
  if (target.shape !== undefined && !['rect', 'ellipse', 'arrow'].includes(target.shape)) return 'target.shape: rect | ellipse | arrow';
  if (target.text !== undefined) {
    const q = target.text as unknown as Record<string, unknown>;
    if (!isObject(q) || !text(q['exact'], 4000) || !text(q['prefix'], 200) || !text(q['suffix'], 200) || !Number.isInteger(q['start']) || !Number.isInteger(q['end'])) {
      return 'target.text: {exact ≤ 4000, prefix, suffix ≤ 200, start, end}';
    }
  }
  if (target.strokes !== undefined) {
    if (!Array.isArray(target.strokes) || target.strokes.length > ANNOTATION_STROKES_MAX) return `target.strokes: up to ${ANNOTATION_STROKES_MAX}`;
    let points = 0;
    for (const s of target.strokes as unknown[]) {
      if (!isObject(s) || !Array.isArray(s['points']) || !size(s['width'])) return 'target.strokes: {points, width}';
      for (const p of s['points'] as unknown[]) {
        if (!Array.isArray(p) || p.length < 2 || p.length > 3 || !coord(p[0]) || !coord(p[1]) || (p.length === 3 && !size(p[2]))) return 'target.strokes: points [x, y] or [x, y, pressure]';
      }
      points += (s['points'] as unknown[]).length;
    }
    if (points > ANNOTATION_POINTS_MAX) return `target.strokes: up to ${ANNOTATION_POINTS_MAX} points in all`;
  }
  const extra = Object.keys(target).filter((k) => !['page', 'rects', 'at', 'shape', 'text', 'strokes'].includes(k));
  return extra.length ? `target: unknown ${extra.join(', ')}` : null;
}

export function fieldsProblem(fields: AnnotationFields, pageCount: number): string | null {
  if (fields.color !== undefined && !(typeof fields.color === 'string' && COLOR.test(fields.color))) return 'color: #rrggbb';
  if (fields.body !== undefined && !text(fields.body, ANNOTATION_BODY_MAX)) return `body: up to ${ANNOTATION_BODY_MAX} characters`;
  if (fields.target !== undefined) return targetProblem(fields.target, pageCount);
  return null;
}

/** The op's own shape (before anything is looked up); null when it is well formed. */
export function opShapeProblem(op: unknown): string | null {
  if (!isObject(op) || typeof op['opId'] !== 'string' || !OP_ID.test(op['opId'])) return 'opId: 8–64 letters, digits, - or _';
  const o = op as unknown as AnnotationOp;
  switch (o.type) {
    case 'create': {
      const a = o.annotation as unknown as Record<string, unknown>;
      if (!isObject(a) || !isUuid(a['id']) || !isUuid(a['documentId']) || !Number.isInteger(a['version']) || !ANNOTATION_KINDS.includes(a['kind'] as never)) {
        return 'annotation: {id, documentId, version, kind}';
      }
      return typeof a['color'] === 'string' && typeof a['body'] === 'string' ? null : 'annotation: color and body';
    }
    case 'update':
      return isUuid(o.annotationId) && Number.isInteger(o.baseRevision) && isObject(o.fields) ? null : 'update: {annotationId, baseRevision, fields}';
    case 'delete':
      return isUuid(o.annotationId) ? null : 'delete: {annotationId}';
    case 'share':
      return isUuid(o.annotationId) && ['private', 'meeting', 'named'].includes(o.visibility) && Array.isArray(o.sharedWith) && o.sharedWith.length <= 500 && o.sharedWith.every(isUuid)
        ? null
        : 'share: {annotationId, visibility private | meeting | named, sharedWith}';
    default:
      return 'type: create | update | delete | share';
  }
}
