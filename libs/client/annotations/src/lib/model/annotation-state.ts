import type { AnnotationDto, AnnotationOpResult, AnnotationsChangedNotice } from '@phonghop/contracts';
import { annotationIdOf, type QueuedOp } from './op-queue';

/**
 * One document version's annotations as the device knows them (pure): what the server confirmed (its list, the
 * answers to this device's ops, notices from other devices), each kept at its highest revision, plus the ops still
 * queued on top (`project`). Removed ones leave a tombstone with the revision they had, so an older notice that
 * arrives late cannot bring them back.
 */
export interface Held {
  items: ReadonlyMap<string, AnnotationDto>;
  gone: ReadonlyMap<string, number>;
}

export const EMPTY_HELD: Held = { items: new Map(), gone: new Map() };

/** A server list: the whole truth at the time it was read. */
export function fromList(list: readonly AnnotationDto[]): Held {
  return { items: new Map(list.map((a) => [a.id, a])), gone: new Map() };
}

/** Changed annotations, each taken only if newer than what is held (or than its tombstone). */
export function applyChanged(held: Held, changed: readonly AnnotationDto[]): Held {
  let items: Map<string, AnnotationDto> | null = null;
  let gone: Map<string, number> | null = null;
  for (const a of changed) {
    const current = (items ?? held.items).get(a.id);
    if (current && current.revision >= a.revision) continue;
    const tomb = (gone ?? held.gone).get(a.id);
    if (tomb !== undefined && a.revision <= tomb) continue;
    items ??= new Map(held.items);
    items.set(a.id, a);
    if (tomb !== undefined) {
      gone ??= new Map(held.gone);
      gone.delete(a.id);
    }
  }
  return items ? { items, gone: gone ?? held.gone } : held;
}

/** Removed (deleted, or no longer shared with this person). `revision`: the one the removal made, when known. */
export function applyRemoved(held: Held, ids: readonly string[], revision?: number): Held {
  if (!ids.length) return held;
  const items = new Map(held.items);
  const gone = new Map(held.gone);
  for (const id of ids) {
    const current = items.get(id);
    gone.set(id, Math.max(revision ?? 0, current?.revision ?? 0, gone.get(id) ?? 0));
    items.delete(id);
  }
  return { items, gone };
}

/** A realtime notice, if it is about this version. */
export function applyNotice(held: Held, notice: AnnotationsChangedNotice, documentId: string, version: number): Held {
  if (notice.documentId !== documentId || notice.version !== version) return held;
  return applyRemoved(applyChanged(held, notice.changed), notice.removed);
}

/** The server's answer to one of this device's ops. */
export function applyResult(held: Held, entry: QueuedOp, result: AnnotationOpResult): Held {
  const id = annotationIdOf(entry.op);
  if (result.status === 'rejected') {
    // It does not exist (any more) for this person: do not keep showing it.
    return result.error?.code === 'ANNOTATION_NOT_FOUND' && entry.op.type !== 'create' ? applyRemoved(held, [id]) : held;
  }
  if (entry.op.type === 'delete') return applyRemoved(held, [id], (held.items.get(id)?.revision ?? 0) + 1);
  // `duplicate` without an annotation: done before, and since deleted or no longer visible.
  if (!result.annotation) return result.status === 'duplicate' ? applyRemoved(held, [id]) : held;
  return applyChanged(held, [result.annotation]);
}

export interface Me {
  id: string;
  name: string;
}

/** What the person sees: confirmed state with their queued ops applied as the server will apply them. */
export interface ViewItem extends AnnotationDto {
  /** Theirs (editable) rather than shared with them by someone else (read-only). */
  mine: boolean;
  /** Changed on this device and not yet confirmed by the server. */
  pending: boolean;
}

/**
 * Confirmed state plus queued ops of this version. Each op moves the revision on as the server will (create → 1,
 * every change + 1), so an edit made now names the revision it will really be based on.
 */
export function project(held: Held, queued: readonly QueuedOp[], me: Me | null): ViewItem[] {
  const view = new Map<string, ViewItem>();
  for (const a of held.items.values()) view.set(a.id, { ...a, mine: !!me && a.ownerId === me.id, pending: false });
  for (const entry of queued) {
    const op = entry.op;
    if (op.type === 'create') {
      const a = op.annotation;
      const id = a.id.toLowerCase();
      if (view.has(id) || held.gone.has(id)) continue;
      view.set(id, {
        id,
        documentId: a.documentId,
        version: a.version,
        ownerId: me?.id ?? '',
        ownerName: me?.name ?? '',
        kind: a.kind,
        target: a.target,
        color: a.color,
        body: a.body,
        visibility: 'private',
        sharedWith: [],
        revision: 1,
        conflictOf: null,
        anchoring: null,
        createdAt: entry.queuedAt,
        updatedAt: entry.queuedAt,
        mine: true,
        pending: true,
      });
      continue;
    }
    const id = op.annotationId.toLowerCase();
    const current = view.get(id);
    if (!current) continue;
    // Already in what the server confirmed (its notice came before the answer to the request): not twice.
    if (op.type !== 'delete' && entry.base !== undefined && (held.items.get(id)?.revision ?? 0) > entry.base) continue;
    if (op.type === 'delete') view.delete(id);
    else if (op.type === 'update') view.set(id, { ...current, ...op.fields, revision: current.revision + 1, updatedAt: entry.queuedAt, pending: true });
    else view.set(id, { ...current, visibility: op.visibility, sharedWith: op.visibility === 'named' ? op.sharedWith : [], revision: current.revision + 1, pending: true });
  }
  return [...view.values()].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
}

/** The view by page, for the overlays. */
export function byPage(items: readonly ViewItem[]): ReadonlyMap<number, ViewItem[]> {
  const pages = new Map<number, ViewItem[]>();
  for (const item of items) {
    const list = pages.get(item.target.page);
    if (list) list.push(item);
    else pages.set(item.target.page, [item]);
  }
  return pages;
}
