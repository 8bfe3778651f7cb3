import { type OrgUnitDto, buildUnitTree } from './organisation';

const unit = (id: string, parentId: string | null, name: string, sortOrder = 0): OrgUnitDto => ({
  id, parentId, name, sortOrder, code: id, kind: 'commune', siteCount: 0, memberCount: 0,
});

describe('buildUnitTree', () => {
  it('nests any depth, orders by sortOrder then Vietnamese name, and hangs sites on their unit', () => {
    const tree = buildUnitTree(
      [unit('x2', 'h', 'Xã Ân Nghĩa'), unit('t', null, 'Tỉnh'), unit('h', 't', 'Huyện'), unit('x1', 'h', 'Xã Yên Lạc'), unit('x0', 'h', 'Xã Zê', -1)],
      [{ id: 's', unitId: 'x1', name: 'Điểm cầu', location: null, isHost: false, disabled: false }],
    );
    expect(tree.map((n) => n.id)).toEqual(['t']);
    const district = tree[0].children[0];
    expect(district.children.map((n) => n.id)).toEqual(['x0', 'x2', 'x1']);
    expect(district.children[2].sites.map((s) => s.id)).toEqual(['s']);
  });

  it('keeps units whose parent is missing as roots instead of losing them', () => {
    expect(buildUnitTree([unit('orphan', 'gone', 'Mồ côi')], []).map((n) => n.id)).toEqual(['orphan']);
  });
});
