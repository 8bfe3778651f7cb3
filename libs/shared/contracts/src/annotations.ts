/**
 * Annotations on meeting documents (ghi chú): what one is, how a device changes them (an operation log with
 * idempotent ids, so offline work syncs exactly once), and how they are shared. Positions are in PDF page space
 * normalised to 0..1 (x from the left, y from the top), so any zoom or device draws them alike. The target follows the
 * W3C Web Annotation model's selectors (see `toWebAnnotation`), so annotations can be exported and re-anchored.
 */

export const ANNOTATION_KINDS = ['highlight', 'ink', 'note', 'shape'] as const;
export type AnnotationKind = (typeof ANNOTATION_KINDS)[number];

/** A rectangle on a page, normalised to the page (0..1). */
export interface PageRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The quoted text and its context (W3C TextQuoteSelector) and where it was in the page's text (TextPositionSelector). */
export interface TextAnchor {
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
}

export interface InkStroke {
  /** Points as [x, y] or [x, y, pressure], normalised to the page. */
  points: number[][];
  width: number;
}

export interface AnnotationTarget {
  /** 1-based page number in the version. */
  page: number;
  /** Highlights: the text, and the boxes it covers on the page. */
  text?: TextAnchor;
  rects?: PageRect[];
  /** Notes: where the pin is. Shapes: their box. */
  at?: PageRect;
  /** Ink: the strokes. */
  strokes?: InkStroke[];
  shape?: 'rect' | 'ellipse' | 'arrow';
}

export type AnnotationVisibility = 'private' | 'meeting' | 'named';

export interface AnnotationDto {
  /** Chosen by the device that made it (so a resend after a lost answer cannot make two). */
  id: string;
  documentId: string;
  /** The document version it is placed on. */
  version: number;
  ownerId: string;
  ownerName: string;
  kind: AnnotationKind;
  target: AnnotationTarget;
  /** A CSS colour (#rrggbb). */
  color: string;
  /** A note's text, or a comment on a highlight. */
  body: string;
  visibility: AnnotationVisibility;
  /** `named`: who it is shared with (the owner always sees it). */
  sharedWith: string[];
  /** Bumped by every change; an update names the revision it was made on. */
  revision: number;
  /** Set on a copy kept because two devices changed the same annotation at once: the one it conflicts with. */
  conflictOf: string | null;
  /** Placed from an earlier version: how it landed (`orphan`: could not be placed; shown with its old page and quote). */
  anchoring: { fromVersion: number; status: 'exact' | 'moved' | 'fuzzy' | 'same_page' | 'moved_page' | 'similar' | 'orphan'; oldPage: number } | null;
  createdAt: string;
  updatedAt: string;
}

/** What a device may change in one annotation. */
export interface AnnotationFields {
  target?: AnnotationTarget;
  color?: string;
  body?: string;
}

/**
 * One change made on a device. `opId` is unique per change (the device makes it); sending an op again (after a lost
 * answer, or when an offline device reconnects) is answered with the first outcome and changes nothing.
 */
export type AnnotationOp =
  | { opId: string; type: 'create'; annotation: { id: string; documentId: string; version: number; kind: AnnotationKind; target: AnnotationTarget; color: string; body: string } }
  | { opId: string; type: 'update'; annotationId: string; baseRevision: number; fields: AnnotationFields }
  | { opId: string; type: 'delete'; annotationId: string }
  | { opId: string; type: 'share'; annotationId: string; visibility: AnnotationVisibility; sharedWith: string[] };

/**
 * - `applied`: done now; `duplicate`: this op was applied before (the answer is today's state);
 * - `conflict_copy`: the annotation changed on another device since `baseRevision`: both are kept, this edit as a copy;
 * - `rejected`: refused with an error (not the owner, no access, bad shape); resending will not help.
 */
export interface AnnotationOpResult {
  opId: string;
  status: 'applied' | 'duplicate' | 'conflict_copy' | 'rejected';
  annotation: AnnotationDto | null;
  error?: { code: string; message: { vi: string; en: string } };
}

export interface AnnotationOpsRequest {
  ops: AnnotationOp[];
}

export interface AnnotationOpsResponse {
  results: AnnotationOpResult[];
}

/** Pushed to a person's devices: annotations they can see changed (theirs on another device, or shared with them). */
export interface AnnotationsChangedNotice {
  documentId: string;
  version: number;
  changed: AnnotationDto[];
  removed: string[];
}

export const ANNOTATION_OPS_MAX = 200;
export const ANNOTATION_BODY_MAX = 5000;
export const ANNOTATION_STROKES_MAX = 500;
export const ANNOTATION_POINTS_MAX = 20000;

/** The W3C Web Annotation form of an annotation (for export), with the document version's URL as the source. */
export function toWebAnnotation(a: AnnotationDto, source: string): Record<string, unknown> {
  const selectors: Record<string, unknown>[] = [{ type: 'FragmentSelector', conformsTo: 'http://tools.ietf.org/rfc/rfc3778', value: `page=${a.target.page}` }];
  if (a.target.text) {
    selectors.push({ type: 'TextQuoteSelector', exact: a.target.text.exact, prefix: a.target.text.prefix, suffix: a.target.text.suffix });
    selectors.push({ type: 'TextPositionSelector', start: a.target.text.start, end: a.target.text.end });
  }
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: `urn:uuid:${a.id}`,
    type: 'Annotation',
    motivation: a.kind === 'highlight' ? 'highlighting' : a.kind === 'note' ? 'commenting' : 'drawing',
    created: a.createdAt,
    modified: a.updatedAt,
    creator: { id: `urn:uuid:${a.ownerId}`, name: a.ownerName },
    ...(a.body ? { body: { type: 'TextualBody', value: a.body, format: 'text/plain' } } : {}),
    target: { source, selector: selectors.length === 1 ? selectors[0] : selectors, 'phonghop:target': a.target, 'phonghop:color': a.color },
  };
}
