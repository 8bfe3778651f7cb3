import { buildUnitTree, type ConferenceSiteDto, type OrgUnitDto } from '@phonghop/contracts';
import { countSites, subtreeIds, suggestChildKind, unitOptions, visibleRows } from './unit-tree';

const unit = (id: string, parentId: string | null, kind: OrgUnitDto['kind'], sortOrder = 0): OrgUnitDto => ({
  id,
  parentId,
  code: id.toUpperCase(),
  name: `Đơn vị ${id}`,
  kind,
  sortOrder,
  siteCount: 0,
  memberCount: 0,
});
const site = (id: string, unitId: string): ConferenceSiteDto => ({ id, unitId, name: id, location: null, isHost: false, disabled: false });

const tree = buildUnitTree(
  [unit('p', null, 'province'), unit('d1', 'p', 'district', 1), unit('d2', 'p', 'district', 2), unit('c1', 'd1', 'commune')],
  [site('s-p', 'p'), site('s-c1', 'c1')],
);

describe('unit tree helpers', () => {
  it('shows only roots when nothing is expanded', () => {
    const rows = visibleRows(tree, new Set());
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ type: 'unit', level: 1, expandable: true, expanded: false });
  });

  it('lists sites before sub-units when a unit is open, with levels', () => {
    const rows = visibleRows(tree, new Set(['p', 'd1']));
    expect(rows.map((r) => (r.type === 'unit' ? r.node.id : `site:${r.site.id}`))).toEqual(['p', 'site:s-p', 'd1', 'c1', 'd2']);
    expect(rows.map((r) => r.level)).toEqual([1, 2, 2, 3, 2]);
    const d2 = rows[4];
    expect(d2.type === 'unit' && d2.expandable).toBe(false);
  });

  it('counts sites across the tree', () => {
    expect(countSites(tree)).toBe(2);
  });

  it('never offers a unit or its descendants as its new parent', () => {
    const d1 = tree[0].children[0];
    const options = unitOptions(tree, subtreeIds(d1));
    expect(options.map((o) => o.id)).toEqual(['p', 'd2']);
    expect(options.map((o) => o.depth)).toEqual([0, 1]);
  });

  it('suggests the next administrative level', () => {
    expect(suggestChildKind(null)).toBe('province');
    expect(suggestChildKind('province')).toBe('district');
    expect(suggestChildKind('district')).toBe('commune');
    expect(suggestChildKind('commune')).toBe('other');
  });
});
