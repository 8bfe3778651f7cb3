import type { AgendaItemDto } from '@phonghop/contracts';
import { agendaTree, applyOrder, moveSubItem, moveTopLevel, numberAgenda, plannedTotal, reorderRequest } from './agenda';

const item = (id: string, position: number, parentId: string | null = null, plannedMinutes: number | null = null): AgendaItemDto => ({
  id,
  parentId,
  position,
  title: id,
  description: null,
  presenter: null,
  plannedMinutes,
});

// Server order is reading order, but the helpers must not rely on it.
const ITEMS = [item('b', 1), item('a1', 0, 'a'), item('a', 0), item('c', 2), item('a2', 1, 'a'), item('b1', 0, 'b')];

describe('agenda helpers', () => {
  it('builds the tree and numbers it 1, 1.1, 1.2, 2 … in reading order', () => {
    const numbered = numberAgenda(agendaTree(ITEMS));
    expect(numbered.map((n) => [n.item.id, n.number, n.depth, n.index])).toEqual([
      ['a', '1', 0, 0],
      ['a1', '1.1', 1, 1],
      ['a2', '1.2', 1, 2],
      ['b', '2', 0, 3],
      ['b1', '2.1', 1, 4],
      ['c', '3', 0, 5],
    ]);
  });

  it('keeps a sub-item whose parent is missing visible at the top level', () => {
    const tree = agendaTree([item('x', 0), item('orphan', 0, 'gone')]);
    expect(tree.map((n) => n.item.id).sort()).toEqual(['orphan', 'x']);
  });

  it('moves a top-level item with its sub-items and lists every item in the order request', () => {
    const tree = moveTopLevel(agendaTree(ITEMS), 0, 2);
    expect(reorderRequest(tree).items).toEqual([
      { id: 'b', parentId: null, position: 0 },
      { id: 'b1', parentId: 'b', position: 0 },
      { id: 'c', parentId: null, position: 1 },
      { id: 'a', parentId: null, position: 2 },
      { id: 'a1', parentId: 'a', position: 0 },
      { id: 'a2', parentId: 'a', position: 1 },
    ]);
  });

  it('moves a sub-item within its parent and into another item', () => {
    let tree = moveSubItem(agendaTree(ITEMS), 'a', 1, 'a', 0);
    expect(tree[0].children.map((c) => c.id)).toEqual(['a2', 'a1']);
    tree = moveSubItem(tree, 'a', 0, 'c', 0);
    expect(tree[0].children.map((c) => c.id)).toEqual(['a1']);
    expect(tree[2].children.map((c) => [c.id, c.parentId])).toEqual([['a2', 'c']]);
    expect(numberAgenda(tree).find((n) => n.item.id === 'a2')?.number).toBe('3.1');
  });

  it('ignores moves that name unknown items', () => {
    const tree = agendaTree(ITEMS);
    expect(moveSubItem(tree, 'nope', 0, 'a', 0)).toEqual(tree);
    expect(moveSubItem(tree, 'a', 9, 'b', 0)).toEqual(tree);
  });

  it('applies the order locally with fresh positions', () => {
    const applied = applyOrder(moveTopLevel(agendaTree(ITEMS), 2, 0));
    expect(applied.map((i) => `${i.id}:${i.parentId ?? '-'}:${i.position}`)).toEqual([
      'c:-:0',
      'a:-:1',
      'a1:a:0',
      'a2:a:1',
      'b:-:2',
      'b1:b:0',
    ]);
  });

  it('adds up planned minutes, using sub-items only where the item has no estimate', () => {
    const tree = agendaTree([item('a', 0, null, 30), item('a1', 0, 'a', 10), item('b', 1), item('b1', 0, 'b', 15), item('b2', 1, 'b', 5)]);
    expect(plannedTotal(tree)).toBe(50);
  });
});
