/** An agenda item as the voting screens need it (AgendaItemDto and the display's agenda both fit). */
export interface AgendaEntry {
  id: string;
  parentId: string | null;
  title: string;
  position?: number;
}

export interface NumberedItem {
  id: string;
  /** 1, 1.1, 2 … in reading order. */
  number: string;
  title: string;
}

/** The agenda in reading order with its numbers, as the meeting page numbers it. */
export function numberedAgenda(items: readonly AgendaEntry[]): NumberedItem[] {
  const sorted = [...items].sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  const tops = sorted.filter((i) => i.parentId === null || !sorted.some((p) => p.id === i.parentId));
  const out: NumberedItem[] = [];
  tops.forEach((top, i) => {
    out.push({ id: top.id, number: `${i + 1}`, title: top.title });
    sorted.filter((c) => c.parentId === top.id).forEach((child, j) => out.push({ id: child.id, number: `${i + 1}.${j + 1}`, title: child.title }));
  });
  return out;
}

export interface MotionGroup<M> {
  item: NumberedItem | null;
  motions: M[];
}

/** Motions under their agenda items in agenda order; those of no item (or of a deleted one) last. */
export function motionsByItem<M extends { itemId: string | null }>(motions: readonly M[], agenda: readonly NumberedItem[]): MotionGroup<M>[] {
  const known = new Set(agenda.map((a) => a.id));
  const groups: MotionGroup<M>[] = agenda.map((item) => ({ item, motions: motions.filter((m) => m.itemId === item.id) })).filter((g) => g.motions.length > 0);
  const loose = motions.filter((m) => !m.itemId || !known.has(m.itemId));
  return loose.length ? [...groups, { item: null, motions: loose }] : groups;
}
