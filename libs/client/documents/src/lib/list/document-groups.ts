import type { AgendaItemDto, DocumentDto } from '@phonghop/contracts';

/** One heading of the documents list: an agenda item (numbered like the agenda) or the general pack. */
export interface DocumentGroup {
  /** null = documents of the whole meeting, not of one item. */
  agendaItemId: string | null;
  /** "1", "1.2"; empty for the general group. */
  number: string;
  title: string;
  depth: 0 | 1;
  documents: DocumentDto[];
}

/** An agenda item as the forms offer it: "1.2. Title", sub-items indented. */
export interface AgendaChoice {
  item: AgendaItemDto;
  number: string;
  depth: 0 | 1;
}

/** Agenda items in reading order with their numbers: items, then each item's sub-items. */
export function numberedAgenda(agenda: readonly AgendaItemDto[]): AgendaChoice[] {
  const byPos = (a: AgendaItemDto, b: AgendaItemDto) => a.position - b.position;
  const top = agenda.filter((a) => !a.parentId).sort(byPos);
  const out: AgendaChoice[] = [];
  top.forEach((item, i) => {
    out.push({ item, number: `${i + 1}`, depth: 0 });
    agenda
      .filter((a) => a.parentId === item.id)
      .sort(byPos)
      .forEach((sub, j) => out.push({ item: sub, number: `${i + 1}.${j + 1}`, depth: 1 }));
  });
  return out;
}

/**
 * Documents grouped under the agenda: the general pack first, then every agenda item in order
 * (empty items only when `keepEmpty`, for secretaries who upload into them). Documents pointing at an
 * item that no longer exists fall back to the general pack.
 */
export function groupDocuments(docs: readonly DocumentDto[], agenda: readonly AgendaItemDto[], keepEmpty: boolean, generalTitle: string): DocumentGroup[] {
  const numbered = numberedAgenda(agenda);
  const known = new Set(numbered.map((n) => n.item.id));
  const byTitle = (a: DocumentDto, b: DocumentDto) => a.title.localeCompare(b.title, 'vi');
  const general = docs.filter((d) => !d.agendaItemId || !known.has(d.agendaItemId)).sort(byTitle);
  const groups: DocumentGroup[] = [];
  if (general.length || keepEmpty) groups.push({ agendaItemId: null, number: '', title: generalTitle, depth: 0, documents: general });
  for (const { item, number, depth } of numbered) {
    const documents = docs.filter((d) => d.agendaItemId === item.id).sort(byTitle);
    if (documents.length || keepEmpty) groups.push({ agendaItemId: item.id, number, title: item.title, depth, documents });
  }
  return groups;
}

/** Documents worth keeping on the tablet: published ones (drafts change and only secretaries see them). */
export function offlineCandidates(docs: readonly DocumentDto[]): DocumentDto[] {
  return docs.filter((d) => d.published);
}
