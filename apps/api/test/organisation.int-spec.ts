import type { OrgUnitTreeNode } from '@phonghop/contracts';
import { Browser, ENGINE, signedIn, startTestApp, type TestApp } from './support/test-app';

function flatten(nodes: OrgUnitTreeNode[]): OrgUnitTreeNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

describe(`administrative hierarchy (${ENGINE})`, () => {
  let t: TestApp;
  let admin: Browser;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await signedIn(t.baseUrl, 'quantri');
  });
  afterAll(() => t.destroy());

  it('seeds one province with two districts, six communes and their sites', async () => {
    const delegate = await signedIn(t.baseUrl, 'daibieu');
    const { status, body: tree } = await delegate.get('/api/org/tree');
    expect(status).toBe(200);
    expect(tree).toHaveLength(1);
    const province = tree[0] as OrgUnitTreeNode;
    expect(province).toMatchObject({ kind: 'province', name: 'UBND tỉnh An Bình' });
    expect(province.sites[0]).toMatchObject({ isHost: true });
    const all = flatten(tree);
    expect(all.filter((u) => u.kind === 'district')).toHaveLength(2);
    const communes = all.filter((u) => u.kind === 'commune');
    expect(communes).toHaveLength(6);
    expect(communes.every((c) => c.sites.length === 1 && c.siteCount === 1)).toBe(true);
    expect(all.find((u) => u.code === 'VP-UBND')?.memberCount).toBe(2);
  });

  it('holds the two-level model too: a commune directly under the province', async () => {
    const { body: units } = await admin.get('/api/org/units');
    const province = units.find((u: { kind: string }) => u.kind === 'province');
    const created = await admin.post('/api/org/units', { parentId: province.id, code: 'X-MOI', name: 'Xã Hợp Nhất', kind: 'commune' });
    expect(created.status).toBe(201);
    const site = await admin.post('/api/org/sites', { unitId: created.body.id, name: 'Điểm cầu xã Hợp Nhất' });
    expect(site.status).toBe(201);
    const tree: OrgUnitTreeNode[] = (await admin.get('/api/org/tree')).body;
    const node = tree[0].children.find((c) => c.code === 'X-MOI');
    expect(node?.sites.map((s) => s.name)).toEqual(['Điểm cầu xã Hợp Nhất']);
  });

  it('refuses to move a unit under its own descendant', async () => {
    const { body: units } = await admin.get('/api/org/units');
    const district = units.find((u: { code: string }) => u.code === 'H-PHULOC');
    const commune = units.find((u: { code: string }) => u.code === 'X-PHUMY');
    const res = await admin.patch(`/api/org/units/${district.id}`, { parentId: commune.id });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('UNIT_PARENT_CYCLE');
    const self = await admin.patch(`/api/org/units/${district.id}`, { parentId: district.id });
    expect(self.body.code).toBe('UNIT_PARENT_CYCLE');
  });

  it('moves a commune to another district', async () => {
    const { body: units } = await admin.get('/api/org/units');
    const other = units.find((u: { code: string }) => u.code === 'TX-TANHOA');
    const commune = units.find((u: { code: string }) => u.code === 'X-LOCDIEN');
    const res = await admin.patch(`/api/org/units/${commune.id}`, { parentId: other.id, name: 'UBND xã Lộc Điền (mới)' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ parentId: other.id, name: 'UBND xã Lộc Điền (mới)' });
  });

  it('does not delete a unit that still has sub-units, sites or people', async () => {
    const { body: units } = await admin.get('/api/org/units');
    const district = units.find((u: { code: string }) => u.code === 'H-PHULOC');
    const res = await admin.delete(`/api/org/units/${district.id}`);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('UNIT_HAS_CHILDREN');
    const empty = await admin.post('/api/org/units', { parentId: null, code: 'TAM', name: 'Đơn vị tạm', kind: 'other' });
    expect((await admin.delete(`/api/org/units/${empty.body.id}`)).status).toBe(204);
  });

  it('refuses duplicate codes and lets only admins change the hierarchy', async () => {
    const dup = await admin.post('/api/org/units', { parentId: null, code: 'T-ANBINH', name: 'Trùng mã', kind: 'province' });
    expect(dup.body.code).toBe('UNIT_CODE_TAKEN');
    const secretary = await signedIn(t.baseUrl, 'thuky');
    expect((await secretary.post('/api/org/units', { parentId: null, code: 'S1', name: 'Thử', kind: 'other' })).status).toBe(403);
    const { body: sites } = await secretary.get('/api/org/sites');
    expect((await secretary.patch(`/api/org/sites/${sites[0].id}`, { name: 'Đổi tên' })).status).toBe(403);
  });
});
