import type { DocumentDto, ParticipantDto } from '@phonghop/contracts';

/**
 * Who receives a document once it is published, by the server's rule for receipts (`DocumentAccessPolicy.canSee`
 * for a participant): every participant except the secretaries, who hand the papers out; for `named` access only
 * the named people and the proxies who stand in for them. Confidential papers reach everyone, stamped per reader.
 */
export function recipientsOf(doc: Pick<DocumentDto, 'access' | 'namedUserIds'>, participants: readonly ParticipantDto[]): ParticipantDto[] {
  const people = participants.filter((p) => p.meetingRole !== 'secretary');
  if (doc.access !== 'named') return people;
  const named = new Set(doc.namedUserIds);
  return people.filter((p) => named.has(p.userId) || (p.representsUserId !== null && named.has(p.representsUserId)));
}

/** The first `max` names (a dialog stays short) and how many are left out. */
export function firstNames(people: readonly Pick<ParticipantDto, 'fullName'>[], max = 5): { names: string[]; more: number } {
  return { names: people.slice(0, max).map((p) => p.fullName), more: Math.max(0, people.length - max) };
}

/** The unpublished documents, in the order the list shows them ("Phát hành tất cả" publishes exactly these). */
export function unpublished(documents: readonly DocumentDto[]): DocumentDto[] {
  return documents.filter((d) => !d.published);
}
