import type { ConferenceSiteDto, OrgUnitTreeNode, UnitKind } from '@phonghop/contracts';
import { branchSiteIds, branchState, initiallyExpanded, pickerRows, sitesOnly, toggleBranch } from './site-picker';

const site = (id: string, unitId: string, disabled = false): ConferenceSiteDto => ({ id, unitId, name: `Điểm cầu ${id}`, location: null, isHost: false, disabled });
const unit = (id: string, kind: UnitKind, sites: ConferenceSiteDto[], children: OrgUnitTreeNode[] = []): OrgUnitTreeNode => ({
  id, parentId: null, code: id.toUpperCase(), name: `UBND ${id}`, kind, sortOrder: 0, siteCount: sites.length, memberCount: 0, sites, children,
});

// Tỉnh → (sở without a site), huyện Phú Lộc → 2 xã (one site disabled), thị xã Tân Hòa → 1 phường.
const tree = [
  unit('tinh', 'province', [site('s-tinh', 'tinh')], [
    unit('so', 'department', []),
    unit('phuloc', 'district', [site('s-phuloc', 'phuloc')], [unit('phumy', 'commune', [site('s-phumy', 'phumy')]), unit('locdien', 'commune', [site('s-locdien', 'locdien', true)])]),
    unit('tanhoa', 'district', [site('s-tanhoa', 'tanhoa')], [unit('tanan', 'commune', [site('s-tanan', 'tanan')])]),
  ]),
];

describe('site picker', () => {
  it('keeps only units with an enabled site below them, and lists a branch’s sites in tree order', () => {
    const pruned = sitesOnly(tree);
    expect(pruned[0].children.map((c) => c.id)).toEqual(['phuloc', 'tanhoa']);
    expect(pruned[0].children[0].children.map((c) => c.id)).toEqual(['phumy']);
    expect(branchSiteIds(tree[0])).toEqual(['s-tinh', 's-phuloc', 's-phumy', 's-tanhoa', 's-tanan']);
  });

  it('opens province and districts first; a closed district shows no communes', () => {
    const roots = sitesOnly(tree);
    const rows = pickerRows(roots, initiallyExpanded(roots));
    expect(rows.map((r) => (r.type === 'unit' ? `u:${r.node.id}` : `s:${r.site.id}`))).toEqual([
      'u:tinh', 's:s-tinh', 'u:phuloc', 's:s-phuloc', 'u:phumy', 'u:tanhoa', 's:s-tanhoa', 'u:tanan',
    ]);
    const closed = pickerRows(roots, new Set(['tinh']));
    expect(closed.filter((r) => r.type === 'unit').map((r) => r.level)).toEqual([1, 2, 2]);
  });

  it('ticks a whole branch, counts invited sites as chosen, and unticks what it chose', () => {
    const district = branchSiteIds(sitesOnly(tree)[0].children[0]); // Phú Lộc and Phú Mỹ
    const invited = new Set(['s-phuloc']);
    expect(branchState(district, new Set(), invited)).toBe('some');
    const chosen = toggleBranch(district, new Set(), invited);
    expect([...chosen]).toEqual(['s-phumy']);
    expect(branchState(district, chosen, invited)).toBe('all');
    expect([...toggleBranch(district, chosen, invited)]).toEqual([]);
    expect(branchState(district, new Set(), new Set())).toBe('none');
  });
});
