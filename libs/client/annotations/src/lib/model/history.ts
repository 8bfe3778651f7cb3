import type { AnnotationFields, AnnotationKind, AnnotationTarget, AnnotationVisibility } from '@phonghop/contracts';

/**
 * Undo and redo of the person's own changes on this device (pure). Nothing is rewritten: each undo or redo is a new
 * change (a new op). A deleted annotation cannot be brought back under its id (the server keeps ids once used), so
 * undoing a deletion, or redoing a creation, makes a copy with a new id; `alias` leads older steps to it.
 */
export interface Snapshot {
  id: string;
  kind: AnnotationKind;
  target: AnnotationTarget;
  color: string;
  body: string;
}

export interface Sharing {
  visibility: AnnotationVisibility;
  sharedWith: string[];
}

export type Action =
  | { type: 'create'; item: Snapshot }
  | { type: 'delete'; item: Snapshot }
  | { type: 'update'; id: string; before: AnnotationFields; after: AnnotationFields }
  | { type: 'share'; id: string; before: Sharing; after: Sharing };

/** What to do now to undo or redo a step. */
export type Intent =
  | { type: 'create'; item: Snapshot }
  | { type: 'delete'; id: string }
  | { type: 'update'; id: string; fields: AnnotationFields }
  | { type: 'share'; id: string; sharing: Sharing };

export interface History {
  done: readonly Action[];
  undone: readonly Action[];
  /** An id whose annotation was made again under a new id → that id. */
  alias: ReadonlyMap<string, string>;
}

export const EMPTY_HISTORY: History = { done: [], undone: [], alias: new Map() };
export const HISTORY_LIMIT = 100;

/** A new step: it can be undone; what was undone before can no longer be redone. */
export function record(history: History, action: Action): History {
  return { ...history, done: [...history.done, action].slice(-HISTORY_LIMIT), undone: [] };
}

/** The id an annotation has now, following re-creations. */
export function currentId(history: History, id: string): string {
  let at = id;
  for (let guard = 0; history.alias.has(at) && guard < 1000; guard++) at = history.alias.get(at) as string;
  return at;
}

export function undo(history: History, newId: () => string): { history: History; intent: Intent } | null {
  const action = history.done[history.done.length - 1];
  if (!action) return null;
  const { intent, alias } = step(history, action, 'undo', newId);
  return { history: { done: history.done.slice(0, -1), undone: [...history.undone, action], alias }, intent };
}

export function redo(history: History, newId: () => string): { history: History; intent: Intent } | null {
  const action = history.undone[history.undone.length - 1];
  if (!action) return null;
  const { intent, alias } = step(history, action, 'redo', newId);
  return { history: { done: [...history.done, action], undone: history.undone.slice(0, -1), alias }, intent };
}

function step(history: History, action: Action, way: 'undo' | 'redo', newId: () => string): { intent: Intent; alias: ReadonlyMap<string, string> } {
  const keep = { alias: history.alias };
  switch (action.type) {
    case 'create':
    case 'delete': {
      const remove = (action.type === 'create') === (way === 'undo');
      if (remove) return { ...keep, intent: { type: 'delete', id: currentId(history, action.item.id) } };
      const id = newId();
      const alias = new Map(history.alias).set(currentId(history, action.item.id), id);
      return { alias, intent: { type: 'create', item: { ...action.item, id } } };
    }
    case 'update':
      return { ...keep, intent: { type: 'update', id: currentId(history, action.id), fields: way === 'undo' ? action.before : action.after } };
    case 'share':
      return { ...keep, intent: { type: 'share', id: currentId(history, action.id), sharing: way === 'undo' ? action.before : action.after } };
  }
}

/** The fields an update changes, as they were before it (to undo it). */
export function fieldsBefore(item: { target: AnnotationTarget; color: string; body: string }, change: AnnotationFields): AnnotationFields {
  return {
    ...(change.target !== undefined ? { target: item.target } : {}),
    ...(change.color !== undefined ? { color: item.color } : {}),
    ...(change.body !== undefined ? { body: item.body } : {}),
  };
}
