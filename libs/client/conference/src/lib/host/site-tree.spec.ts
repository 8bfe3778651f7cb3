import type { InvitedSiteDto } from '@phonghop/contracts';
import { rollCall, siteTree } from './site-tree';

const u = (id: string, kind: string) => ({ id, name: `UBND ${id}`, kind });
const site = (siteId: string, path: ReturnType<typeof u>[], state: InvitedSiteDto['state']): InvitedSiteDto => ({
  siteId, name: `Điểm cầu ${siteId}`, unitId: path.at(-1)?.id ?? '', unitName: '', unitKind: path.at(-1)?.kind ?? '', unitPath: path, state, peerId: null,
});

describe('host console site tree', () => {
  const province = u('tinh', 'province');
  const district = u('huyen', 'district');
  const sites = [
    site('s-tinh', [province], 'live'),
    site('s-huyen', [province, district], 'connecting'),
    site('s-xa1', [province, district, u('xa1', 'commune')], 'invited'),
    site('s-xa2', [province, district, u('xa2', 'commune')], 'lost'),
  ];

  it('nests communes under their district under the province', () => {
    const [root] = siteTree(sites);
    expect(root.sites.map((s) => s.siteId)).toEqual(['s-tinh']);
    expect(root.children).toHaveLength(1);
    const d = root.children[0];
    expect(d.sites.map((s) => s.siteId)).toEqual(['s-huyen']);
    expect(d.children.map((c) => [c.name, c.depth, c.sites.length])).toEqual([['UBND xa1', 2, 1], ['UBND xa2', 2, 1]]);
  });

  it('counts the roll call by state', () => {
    expect(rollCall(sites)).toEqual({ invited: 1, connecting: 1, live: 1, lost: 1, total: 4 });
  });
});
