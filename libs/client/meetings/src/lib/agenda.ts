import type { AgendaItemDto, ReorderAgendaRequest } from '@phonghop/contracts';

/** A top-level agenda item with its sub-items (the agenda has exactly one level of nesting). */
export interface AgendaNode {
  item: AgendaItemDto;
  children: AgendaItemDto[];
}

/** An item as the reader sees it: "1", "1.1", "2" …, with its place in reading order. */
export interface NumberedAgendaItem {
  item: AgendaItemDto;
  number: string;
  depth: 0 | 1;
  /** 0-based position in reading order (used by `data-testid="agenda-item-<index>"`). */
  index: number;
}

const byPosition = (a: AgendaItemDto, b: AgendaItemDto) => a.position - b.position;

/**
 * Builds the two-level tree from items in any order. Sub-items whose parent is missing (or is itself a
 * sub-item) are shown at the top level rather than lost.
 */
export function agendaTree(items: readonly AgendaItemDto[]): AgendaNode[] {
  const topIds = new Set(items.filter((i) => i.parentId === null).map((i) => i.id));
  const roots = items.filter((i) => i.parentId === null || !topIds.has(i.parentId));
  return [...roots].sort(byPosition).map((item) => ({
    item,
    children: items.filter((c) => c.parentId === item.id && topIds.has(item.id)).sort(byPosition),
  }));
}

/** Reading order with numbers: top-level items 1, 2, 3; sub-items 1.1, 1.2. */
export function numberAgenda(tree: readonly AgendaNode[]): NumberedAgendaItem[] {
  const out: NumberedAgendaItem[] = [];
  tree.forEach((node, i) => {
    out.push({ item: node.item, number: `${i + 1}`, depth: 0, index: out.length });
    node.children.forEach((child, j) => {
      out.push({ item: child, number: `${i + 1}.${j + 1}`, depth: 1, index: out.length });
    });
  });
  return out;
}

/** Moves one entry of a list (immutable; indexes are clamped). */
export function moveInList<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  if (from < 0 || from >= next.length) return next;
  const [moved] = next.splice(from, 1);
  next.splice(Math.max(0, Math.min(to, next.length)), 0, moved);
  return next;
}

/** Drag of a top-level item (its sub-items travel with it). */
export function moveTopLevel(tree: readonly AgendaNode[], from: number, to: number): AgendaNode[] {
  return moveInList(tree, from, to);
}

/** Drag of a sub-item within its parent or into another top-level item. */
export function moveSubItem(
  tree: readonly AgendaNode[],
  fromParentId: string,
  fromIndex: number,
  toParentId: string,
  toIndex: number,
): AgendaNode[] {
  const source = tree.find((n) => n.item.id === fromParentId);
  const moved = source?.children[fromIndex];
  if (!source || !moved || !tree.some((n) => n.item.id === toParentId)) return [...tree];
  if (fromParentId === toParentId) {
    return tree.map((n) => (n.item.id === fromParentId ? { ...n, children: moveInList(n.children, fromIndex, toIndex) } : n));
  }
  return tree.map((n) => {
    if (n.item.id === fromParentId) return { ...n, children: n.children.filter((_, i) => i !== fromIndex) };
    if (n.item.id === toParentId) {
      const children = [...n.children];
      children.splice(Math.max(0, Math.min(toIndex, children.length)), 0, { ...moved, parentId: toParentId });
      return { ...n, children };
    }
    return n;
  });
}

/** The PUT …/agenda/order body: every item, with its parent and its place among its siblings. */
export function reorderRequest(tree: readonly AgendaNode[]): ReorderAgendaRequest {
  return {
    items: tree.flatMap((node, i) => [
      { id: node.item.id, parentId: null, position: i },
      ...node.children.map((child, j) => ({ id: child.id, parentId: node.item.id, position: j })),
    ]),
  };
}

/** Applies a reorder locally (positions and parents), so the list does not jump back while the server answers. */
export function applyOrder(tree: readonly AgendaNode[]): AgendaItemDto[] {
  const order = reorderRequest(tree).items;
  const byId = new Map(tree.flatMap((n) => [n.item, ...n.children]).map((i) => [i.id, i]));
  return order.flatMap((o) => {
    const item = byId.get(o.id);
    return item ? [{ ...item, parentId: o.parentId, position: o.position }] : [];
  });
}

/** Planned duration of the whole agenda; sub-items count only when their parent has no estimate of its own. */
export function plannedTotal(tree: readonly AgendaNode[]): number {
  return tree.reduce(
    (sum, n) => sum + (n.item.plannedMinutes ?? n.children.reduce((s, c) => s + (c.plannedMinutes ?? 0), 0)),
    0,
  );
}
