import type { DocumentAccess, DocumentDto, UpdateDocumentRequest } from '@phonghop/contracts';

/** What the secretary can change about an uploaded document (the file itself changes by a new version). */
export interface DocumentEdit {
  title: string;
  /** null: a paper of the whole meeting, not of one agenda item. */
  agendaItemId: string | null;
  access: DocumentAccess;
  namedUserIds: readonly string[];
}

export type DocumentEditProblem = 'titleRequired' | 'namedRequired';

/**
 * The form's starting values. A document whose agenda item is gone shows under the general papers in the
 * list, so the form starts there too (saving then records it).
 */
export function editOf(doc: DocumentDto, agendaItemIds: ReadonlySet<string>): DocumentEdit {
  return {
    title: doc.title,
    agendaItemId: doc.agendaItemId && agendaItemIds.has(doc.agendaItemId) ? doc.agendaItemId : null,
    access: doc.access,
    namedUserIds: [...doc.namedUserIds],
  };
}

/** The same rules as the upload form: a title, and at least one reader for a `named` document. */
export function editProblem(edit: DocumentEdit): DocumentEditProblem | null {
  if (!edit.title.trim()) return 'titleRequired';
  if (edit.access === 'named' && !edit.namedUserIds.length) return 'namedRequired';
  return null;
}

/**
 * Only what changed, for `PATCH /documents/:id` (omitted fields stay as they are; an empty object means
 * nothing to save). Readers are sent only for a `named` document: for the others the list means nothing,
 * and keeping it lets the secretary switch back to `named` without picking everyone again.
 */
export function documentChanges(doc: DocumentDto, edit: DocumentEdit): UpdateDocumentRequest {
  const changes: UpdateDocumentRequest = {};
  const title = edit.title.trim();
  if (title !== doc.title) changes.title = title;
  if (edit.agendaItemId !== doc.agendaItemId) changes.agendaItemId = edit.agendaItemId;
  if (edit.access !== doc.access) changes.access = edit.access;
  if (edit.access === 'named' && !sameMembers(edit.namedUserIds, doc.namedUserIds)) changes.namedUserIds = [...new Set(edit.namedUserIds)];
  return changes;
}

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((x) => right.has(x));
}
