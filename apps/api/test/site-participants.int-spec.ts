import type { MeetingDetailDto, ParticipantDto, SiteParticipantDto } from '@phonghop/contracts';
import { MIGRATIONS } from '@phonghop/server-database';
import { DataSource } from 'typeorm';
import { type Browser, ENGINE, signedIn, startTestApp, type TestApp } from './support/test-app';

const DEMO_TITLE = 'Phiên họp thường kỳ UBND tỉnh tháng 12 năm 2026';

/**
 * Sites (điểm cầu) as participants in their own right: invited with or without an operator account, listed in the
 * province → district → commune order, never counted as people; and adding what cannot be added says why.
 */
describe(`site participants (${ENGINE})`, () => {
  let t: TestApp;
  let secretary: Browser;
  let delegate: Browser;
  let guest: Browser;
  let admin: Browser;
  let ids: Record<string, string>;
  let siteOf: Record<string, { id: string; unitId: string }>;
  let unitOf: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    [secretary, delegate, guest, admin] = await Promise.all(['thuky', 'daibieu', 'khachmoi', 'quantri'].map((u) => signedIn(t.baseUrl, u)));
    ids = Object.fromEntries(((await admin.get('/api/users')).body as { id: string; username: string }[]).map((u) => [u.username, u.id]));
    siteOf = Object.fromEntries(((await secretary.get('/api/org/sites')).body as { id: string; name: string; unitId: string }[]).map((s) => [s.name, s]));
    unitOf = Object.fromEntries(((await secretary.get('/api/org/units')).body as { id: string; code: string }[]).map((u) => [u.code, u.id]));
  });
  afterAll(() => t.destroy());

  const PHU_MY = 'Điểm cầu UBND xã Phú Mỹ';
  const PHU_LOC = 'Điểm cầu UBND huyện Phú Lộc';

  async function draft(title: string): Promise<MeetingDetailDto> {
    const startsAt = new Date(Date.now() + 5 * 86_400_000).toISOString();
    const res = await secretary.post('/api/meetings', { title, kind: 'online', startsAt });
    expect(res.status).toBe(201);
    return res.body;
  }
  const sitesOf = async (meetingId: string, who = secretary) => (await who.get(`/api/meetings/${meetingId}/sites`)).body as SiteParticipantDto[];

  it('invites a site without an operator account as a participant of its own, placed in the hierarchy', async () => {
    const m = await draft('Hội nghị trực tuyến triển khai chuyển đổi số cấp xã');
    // The role asked for is for people: a site always takes part as a site.
    const res = await secretary.post(`/api/meetings/${m.id}/participants`, { meetingRole: 'delegate', siteIds: [siteOf[PHU_MY].id] });
    expect(res.status).toBe(200);
    // No person came with it (Phú Mỹ has no operator), so the people — and with them quorum and votes — are unchanged.
    expect((res.body as ParticipantDto[]).map((p) => p.userId)).toEqual([ids['thuky']]);
    const [site] = await sitesOf(m.id);
    expect(site).toMatchObject({ id: siteOf[PHU_MY].id, name: PHU_MY, unitName: 'UBND xã Phú Mỹ', unitKind: 'commune', operators: [] });
    expect(site.unitPath.map((u) => u.name)).toEqual(['UBND tỉnh An Bình', 'UBND huyện Phú Lộc', 'UBND xã Phú Mỹ']);
    expect((await secretary.get(`/api/meetings/${m.id}`)).body.participatingSiteIds).toEqual([siteOf[PHU_MY].id]);
  });

  it('invites a site with its operator account as `site`; a person added as an operator brings their site', async () => {
    const m = await draft('Giao ban trực tuyến với các huyện');
    await secretary.post(`/api/meetings/${m.id}/participants`, { meetingRole: 'site', siteIds: [siteOf[PHU_MY].id] });
    const res = await secretary.post(`/api/meetings/${m.id}/participants`, { meetingRole: 'delegate', siteIds: [siteOf[PHU_LOC].id] });
    const operator = (res.body as ParticipantDto[]).find((p) => p.userId === ids['diemcau.phuloc']);
    expect(operator).toMatchObject({ meetingRole: 'site', fullName: 'Võ Minh Tuấn' });
    // The district before its commune, whatever order they were invited in.
    const sites = await sitesOf(m.id);
    expect(sites.map((s) => s.name)).toEqual([PHU_LOC, PHU_MY]);
    expect(sites[0].operators).toEqual([{ userId: ids['diemcau.phuloc'], fullName: 'Võ Minh Tuấn', invited: true }]);

    const other = await draft('Họp trực tuyến chuyên đề');
    await secretary.post(`/api/meetings/${other.id}/participants`, { meetingRole: 'site', userIds: [ids['diemcau.phuloc']] });
    expect((await sitesOf(other.id)).map((s) => s.name)).toEqual([PHU_LOC]);
  });

  it('says why when nothing can be added, and changes nothing', async () => {
    const m = await draft('Họp kiểm tra lỗi thêm thành phần');
    await secretary.post(`/api/meetings/${m.id}/participants`, { meetingRole: 'delegate', userIds: [ids['daibieu']], siteIds: [siteOf[PHU_MY].id] });
    const again = await secretary.post(`/api/meetings/${m.id}/participants`, { meetingRole: 'delegate', userIds: [ids['daibieu']], siteIds: [siteOf[PHU_MY].id] });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'PARTICIPANTS_ALREADY_INVITED', message: { vi: expect.stringContaining('đã có trong cuộc họp') } });
    const nothing = await secretary.post(`/api/meetings/${m.id}/participants`, { meetingRole: 'delegate' });
    expect([nothing.status, nothing.body.code]).toEqual([400, 'PARTICIPANTS_NOTHING_CHOSEN']);
    // Tân Lập commune has a site but no user accounts: inviting the unit's people finds nobody.
    const empty = await secretary.post(`/api/meetings/${m.id}/participants`, { meetingRole: 'delegate', unitIds: [unitOf['X-TANLAP']] });
    expect([empty.status, empty.body.code]).toEqual([409, 'PARTICIPANTS_UNIT_EMPTY']);
    const unknown = await secretary.post(`/api/meetings/${m.id}/participants`, { meetingRole: 'site', siteIds: ['00000000-0000-4000-8000-000000000000'] });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'SITE_NOT_FOUND']);
    const tanLap = siteOf['Điểm cầu UBND xã Tân Lập'].id;
    expect((await admin.patch(`/api/org/sites/${tanLap}`, { disabled: true })).status).toBe(200);
    const disabled = await secretary.post(`/api/meetings/${m.id}/participants`, { meetingRole: 'site', siteIds: [tanLap, siteOf[PHU_LOC].id] });
    expect([disabled.status, disabled.body.code]).toEqual([409, 'SITE_DISABLED']);
    await admin.patch(`/api/org/sites/${tanLap}`, { disabled: false });
    // None of the refused requests added anything, not even the valid half of the last one.
    expect((await sitesOf(m.id)).map((s) => s.name)).toEqual([PHU_MY]);
    expect(((await secretary.get(`/api/meetings/${m.id}/participants`)).body as ParticipantDto[]).map((p) => p.userId).sort()).toEqual([ids['daibieu'], ids['thuky']].sort());
  });

  it('lets participants see the sites and only secretaries take one off, with its operators’ invitations', async () => {
    const m = await draft('Họp trực tuyến rút điểm cầu');
    await secretary.post(`/api/meetings/${m.id}/participants`, { meetingRole: 'delegate', userIds: [ids['daibieu']] });
    await secretary.post(`/api/meetings/${m.id}/participants`, { meetingRole: 'site', siteIds: [siteOf[PHU_LOC].id, siteOf[PHU_MY].id] });
    await secretary.post(`/api/meetings/${m.id}/publish`);
    expect((await sitesOf(m.id, delegate)).map((s) => s.name)).toEqual([PHU_LOC, PHU_MY]);
    expect((await guest.get(`/api/meetings/${m.id}/sites`)).body.code).toBe('MEETING_ACCESS_DENIED');
    expect((await delegate.delete(`/api/meetings/${m.id}/sites/${siteOf[PHU_LOC].id}`)).status).toBe(403);

    expect((await secretary.delete(`/api/meetings/${m.id}/sites/${siteOf[PHU_LOC].id}`)).status).toBe(204);
    expect((await sitesOf(m.id)).map((s) => s.name)).toEqual([PHU_MY]);
    const people = ((await secretary.get(`/api/meetings/${m.id}/participants`)).body as ParticipantDto[]).map((p) => p.userId);
    expect(people.sort()).toEqual([ids['daibieu'], ids['thuky']].sort());
    expect((await secretary.delete(`/api/meetings/${m.id}/sites/${siteOf[PHU_LOC].id}`)).body.code).toBe('PARTICIPANT_NOT_FOUND');
  });

  it('the demo meeting invites the province hall, both districts and communes of each as sites', async () => {
    const demo = ((await secretary.get('/api/meetings/mine')).body as { id: string; title: string }[]).find((m) => m.title === DEMO_TITLE);
    const sites = await sitesOf(demo?.id as string);
    expect(sites.map((s) => s.unitKind)).toEqual(['province', 'district', 'commune', 'commune', 'district', 'commune', 'commune']);
    expect(sites[0]).toMatchObject({ name: 'Hội trường UBND tỉnh (điểm cầu chính)', isHost: true });
    expect(sites.find((s) => s.name === PHU_LOC)?.operators.map((o) => o.invited)).toEqual([true]);
    expect(unitOf['SO-KHCN']).toBeDefined();
    expect(unitOf['SO-TTTT']).toBeUndefined();
  });

  it('the migration invites the site of every operator invited as a person (meetings made before sites were participants)', async () => {
    const db = t.app.get(DataSource);
    const m = await draft('Họp cũ: chỉ mời kỹ thuật viên');
    await secretary.post(`/api/meetings/${m.id}/participants`, { meetingRole: 'site', userIds: [ids['diemcau.phuloc']] });
    // As such a meeting looked before: the operator's seat, no site.
    await db.query(`DELETE FROM meeting_site WHERE meeting_id = ${ENGINE === 'postgres' ? '$1' : '?'}`, [m.id]);
    expect(await sitesOf(m.id)).toEqual([]);
    const Migration = MIGRATIONS.find((x) => x.name === 'SiteParticipants1765050000000');
    if (!Migration) throw new Error('migration missing');
    const runner = db.createQueryRunner();
    try {
      await new Migration().up(runner);
      await new Migration().up(runner); // twice: nothing is doubled
    } finally {
      await runner.release();
    }
    expect((await sitesOf(m.id)).map((s) => s.name)).toEqual([PHU_LOC]);
  });

  it('an operator account made for a site after its invitation takes the site’s seat in the meetings not yet over', async () => {
    const open = await draft('Hội nghị giao ban trực tuyến quý I');
    await secretary.post(`/api/meetings/${open.id}/participants`, { meetingRole: 'delegate', siteIds: [siteOf[PHU_MY].id] });
    const other = await draft('Hội nghị không mời Phú Mỹ');
    const made = await admin.post('/api/users', { username: 'diemcau.phumy', fullName: 'Kỹ thuật viên Phú Mỹ', password: 'DiemCau2026x', roles: ['site_operator'], siteId: siteOf[PHU_MY].id });
    expect(made.status).toBe(201);
    const seated = async () => ((await secretary.get(`/api/meetings/${open.id}/participants`)).body as ParticipantDto[]).find((p) => p.userId === made.body.id);
    const deadline = Date.now() + 10_000;
    while (!(await seated()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await seated()).toMatchObject({ meetingRole: 'site' });
    expect((await sitesOf(open.id))[0].operators).toEqual([{ userId: made.body.id, fullName: 'Kỹ thuật viên Phú Mỹ', invited: true }]);
    // Only where the site is invited.
    expect(((await secretary.get(`/api/meetings/${other.id}/participants`)).body as ParticipantDto[]).map((p) => p.userId)).not.toContain(made.body.id);
  });
});
