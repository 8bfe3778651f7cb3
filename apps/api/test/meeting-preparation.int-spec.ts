import type { InvitationNotice, MeetingDetailDto, ParticipantDto, RoomDeltaMessage } from '@phonghop/contracts';
import { connectSocket, connected, deltaRecorder, type PhClient } from './support/socket';
import { type Browser, ENGINE, signedIn, startTestApp, type TestApp } from './support/test-app';

const inDays = (d: number, hour = 1) => {
  const t = new Date(Date.now() + d * 86_400_000);
  t.setUTCHours(hour, 0, 0, 0);
  return t.toISOString();
};

function nextInvitation(socket: PhClient, timeoutMs = 3000): Promise<InvitationNotice> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no invitation arrived')), timeoutMs);
    socket.once('invitation:new', (n) => (clearTimeout(timer), resolve(n)));
  });
}

describe(`meeting preparation (${ENGINE})`, () => {
  let t: TestApp;
  let secretary: Browser;
  let chair: Browser;
  let delegate: Browser;
  let guest: Browser;
  let ids: Record<string, string>;
  const sockets: PhClient[] = [];
  const socketOf = async (b: Browser) => {
    const s = connectSocket(t.baseUrl, b.cookie);
    sockets.push(s);
    await connected(s);
    return s;
  };

  beforeAll(async () => {
    t = await startTestApp();
    [secretary, chair, delegate, guest] = await Promise.all(['thuky', 'chutoa', 'daibieu', 'khachmoi'].map((u) => signedIn(t.baseUrl, u)));
    const users: { id: string; username: string }[] = (await secretary.get('/api/users')).body;
    ids = Object.fromEntries(users.map((u) => [u.username, u.id]));
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.destroy();
  });

  async function draft(title = 'Họp triển khai chuyển đổi số cấp xã'): Promise<MeetingDetailDto> {
    const res = await secretary.post('/api/meetings', { title, kind: 'hybrid', startsAt: inDays(5), endsAt: inDays(5, 4), location: 'Phòng họp số 2' });
    expect(res.status).toBe(201);
    return res.body;
  }

  it('a secretary creates a draft and becomes its secretary; others cannot see or create drafts', async () => {
    const m = await draft();
    expect(m).toMatchObject({ status: 'draft', myRole: 'secretary', confidentiality: 'normal', organiserUnitName: 'Văn phòng UBND tỉnh' });
    expect((await delegate.get(`/api/meetings/${m.id}`)).body.code).toBe('MEETING_ACCESS_DENIED');
    expect((await delegate.post('/api/meetings', { title: 'Không được', kind: 'online', startsAt: inDays(1) })).status).toBe(403);
    expect((await secretary.get('/api/meetings/00000000-0000-4000-8000-000000000000')).body.code).toBe('MEETING_NOT_FOUND');
    const bad = await secretary.post('/api/meetings', { title: 'Ngược giờ', kind: 'online', startsAt: inDays(2, 5), endsAt: inDays(2, 3) });
    expect(bad.body.code).toBe('MEETING_TIME_INVALID');
  });

  it('links an online meeting to an upper-level server’s meeting, and unlinks it when it becomes in-person', async () => {
    const m = await draft('Điểm cầu huyện — hội nghị trực tuyến toàn tỉnh');
    expect(m.upperMeetingId).toBeNull();
    const upper = '7F3C2A10-5B1E-4C9A-8D2F-0A1B2C3D4E5F';
    const linked = await secretary.patch(`/api/meetings/${m.id}`, { upperMeetingId: upper });
    expect(linked.status).toBe(200);
    expect(linked.body.upperMeetingId).toBe(upper.toLowerCase());
    expect((await secretary.get(`/api/meetings/${m.id}`)).body.upperMeetingId).toBe(upper.toLowerCase());
    const bad = await secretary.patch(`/api/meetings/${m.id}`, { upperMeetingId: 'tinh-an-binh' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect((await chair.patch(`/api/meetings/${m.id}`, { upperMeetingId: null })).status).toBe(403);
    expect((await secretary.patch(`/api/meetings/${m.id}`, { kind: 'in_person' })).body.upperMeetingId).toBeNull();
  });

  it('adds people one by one, by unit and by site; publishing invites them live and puts it on their home page', async () => {
    const m = await draft('Họp giao ban tháng 12');
    const { body: units } = await secretary.get('/api/org/units');
    const vp = units.find((u: { code: string }) => u.code === 'VP-UBND');
    const { body: sites } = await secretary.get('/api/org/sites');
    const phuLocSite = sites.find((s: { name: string }) => s.name.includes('huyện Phú Lộc'));
    await secretary.post(`/api/meetings/${m.id}/participants`, { meetingRole: 'chair', userIds: [ids['chutoa']] });
    await secretary.post(`/api/meetings/${m.id}/participants`, { meetingRole: 'delegate', userIds: [ids['daibieu']], unitIds: [vp.id] });
    const res = await secretary.post(`/api/meetings/${m.id}/participants`, { meetingRole: 'site', siteIds: [phuLocSite.id] });
    const byUser = new Map((res.body as ParticipantDto[]).map((p) => [p.userId, p]));
    expect(byUser.get(ids['thuky'])?.meetingRole).toBe('secretary'); // already in: not added twice
    expect(byUser.get(ids['quantri'])?.meetingRole).toBe('delegate'); // via the unit
    expect(byUser.get(ids['diemcau.phuloc'])?.meetingRole).toBe('site');
    expect(res.body).toHaveLength(5);

    expect((await delegate.get('/api/meetings/mine')).body.some((x: { id: string }) => x.id === m.id)).toBe(false);
    const delegateSocket = await socketOf(delegate);
    const invited = nextInvitation(delegateSocket);
    expect((await secretary.post(`/api/meetings/${m.id}/publish`)).body.status).toBe('published');
    expect((await invited).meeting).toMatchObject({ id: m.id, title: 'Họp giao ban tháng 12', myRole: 'delegate' });
    expect((await delegate.get('/api/meetings/mine')).body.some((x: { id: string }) => x.id === m.id)).toBe(true);

    const ics = await fetch(`${t.baseUrl}/api/meetings/${m.id}/invitation.ics`, { headers: { cookie: `phonghop_session=${delegate.cookie}` } });
    expect(ics.headers.get('content-type')).toContain('text/calendar');
    expect(await ics.text()).toContain('SUMMARY:Họp giao ban tháng 12');
    expect((await guest.get(`/api/meetings/${m.id}/invitation.ics`)).status).toBe(403);
  });

  it('shows RSVPs live to the secretary; decline reasons only to secretaries; delegation invites the proxy', async () => {
    const m = await draft('Họp thẩm định dự án');
    await secretary.post(`/api/meetings/${m.id}/participants`, { meetingRole: 'delegate', userIds: [ids['daibieu'], ids['chutoa']] });
    await secretary.post(`/api/meetings/${m.id}/publish`);
    const secSocket = await socketOf(secretary);
    const joined = await secSocket.emitWithAck('room:join', { meetingId: m.id });
    if (!joined.ok) throw new Error('secretary could not join');
    expect(joined.data.state.roster.map((r) => r.userId).sort()).toEqual([ids['chutoa'], ids['daibieu'], ids['thuky']].sort());
    const deltas = deltaRecorder(secSocket);

    const declined = await chair.post(`/api/meetings/${m.id}/rsvp`, { response: 'decline', reason: 'Trùng lịch tiếp công dân' });
    expect(declined.status).toBe(200);
    const [d1] = await deltas.waitFor(1);
    expect(d1.delta).toMatchObject({ slice: 'roster' as const, change: { kind: 'upsert' as const, entry: { userId: ids['chutoa'], rsvp: 'declined' } } });
    expect(JSON.stringify(d1)).not.toContain('Trùng lịch'); // reasons are not broadcast
    const asSecretary: ParticipantDto[] = (await secretary.get(`/api/meetings/${m.id}/participants`)).body;
    expect(asSecretary.find((p) => p.userId === ids['chutoa'])?.declineReason).toBe('Trùng lịch tiếp công dân');
    const asDelegate: ParticipantDto[] = (await delegate.get(`/api/meetings/${m.id}/participants`)).body;
    expect(asDelegate.find((p) => p.userId === ids['chutoa'])?.declineReason).toBeNull();
    expect((await chair.post(`/api/meetings/${m.id}/rsvp`, { response: 'decline' })).body.code).toBe('VALIDATION_FAILED');

    // A delegate may look people up to delegate to (names only), though not list users in general.
    expect((await delegate.get('/api/users')).status).toBe(403);
    const candidates = (await delegate.get(`/api/meetings/${m.id}/delegate-candidates?search=ph%E1%BA%A1m`)).body;
    expect(candidates).toEqual([{ userId: ids['khachmoi'], fullName: 'Phạm Thị Lan', title: 'Phóng viên Báo An Bình', unitName: 'UBND tỉnh An Bình' }]);
    expect((await delegate.get(`/api/meetings/${m.id}/delegate-candidates?search=tr%E1%BA%A7n`)).body).toEqual([]); // the chair is already in
    expect((await guest.get(`/api/meetings/${m.id}/delegate-candidates?search=ph`)).status).toBe(403);

    // The delegate sends the guest in their place (ủy quyền): the guest is invited live and gets access.
    const guestSocket = await socketOf(guest);
    const invited = nextInvitation(guestSocket);
    expect((await delegate.post(`/api/meetings/${m.id}/rsvp`, { response: 'delegate', delegateUserId: ids['chutoa'] })).body.code).toBe('DELEGATE_INVALID');
    expect((await delegate.post(`/api/meetings/${m.id}/rsvp`, { response: 'delegate', delegateUserId: ids['daibieu'] })).body.code).toBe('DELEGATE_INVALID');
    const res = await delegate.post(`/api/meetings/${m.id}/rsvp`, { response: 'delegate', delegateUserId: ids['khachmoi'], reason: 'Đi công tác' });
    expect(res.status).toBe(200);
    const proxy = (res.body as ParticipantDto[]).find((p) => p.userId === ids['khachmoi']);
    expect(proxy).toMatchObject({ meetingRole: 'delegate', representsUserId: ids['daibieu'], rsvp: 'pending' });
    expect((await invited).meeting.id).toBe(m.id);
    expect((await guest.get(`/api/meetings/${m.id}`)).status).toBe(200);
    expect((await guest.post(`/api/meetings/${m.id}/rsvp`, { response: 'delegate', delegateUserId: ids['quantri'] })).body.code).toBe('DELEGATE_INVALID');
    const all = (await deltas.waitFor(3)) as RoomDeltaMessage[];
    expect(all.some((d) => d.delta.slice === 'roster' && d.delta.change.kind === 'upsert' && d.delta.change.entry.userId === ids['khachmoi'])).toBe(true);

    // Changing one's mind withdraws the proxy's seat and access.
    await delegate.post(`/api/meetings/${m.id}/rsvp`, { response: 'attend' });
    expect((await guest.get(`/api/meetings/${m.id}`)).body.code).toBe('MEETING_ACCESS_DENIED');
    const final: ParticipantDto[] = (await secretary.get(`/api/meetings/${m.id}/participants`)).body;
    expect(final.find((p) => p.userId === ids['daibieu'])).toMatchObject({ rsvp: 'attending', delegateUserId: null });
    expect(final.some((p) => p.userId === ids['khachmoi'])).toBe(false);
  });

  it('keeps an ordered agenda with sub-items that only secretaries change', async () => {
    const m = await draft('Họp chuyên đề');
    await secretary.post(`/api/meetings/${m.id}/participants`, { meetingRole: 'delegate', userIds: [ids['daibieu']] });
    await secretary.post(`/api/meetings/${m.id}/publish`);
    const add = async (title: string, parentId?: string) => (await secretary.post(`/api/meetings/${m.id}/agenda`, { title, parentId, plannedMinutes: 20 })).body;
    const a = await add('Khai mạc');
    const b = await add('Báo cáo kinh tế - xã hội');
    const b1 = await add('Nông nghiệp', b.id);
    const c = await add('Kết luận');
    expect((await secretary.post(`/api/meetings/${m.id}/agenda`, { title: 'Cấp ba', parentId: b1.id })).body.code).toBe('AGENDA_ORDER_INVALID');
    expect((await delegate.post(`/api/meetings/${m.id}/agenda`, { title: 'Không được' })).status).toBe(403);
    const listed = (await delegate.get(`/api/meetings/${m.id}/agenda`)).body.map((i: { title: string }) => i.title);
    expect(listed).toEqual(['Khai mạc', 'Báo cáo kinh tế - xã hội', 'Nông nghiệp', 'Kết luận']);

    const reordered = await secretary.request('PUT', `/api/meetings/${m.id}/agenda/order`, {
      items: [
        { id: c.id, parentId: null, position: 0 },
        { id: a.id, parentId: null, position: 1 },
        { id: b.id, parentId: null, position: 2 },
        { id: b1.id, parentId: a.id, position: 0 },
      ],
    });
    expect(reordered.body.map((i: { title: string }) => i.title)).toEqual(['Kết luận', 'Khai mạc', 'Nông nghiệp', 'Báo cáo kinh tế - xã hội']);
    const missing = await secretary.request('PUT', `/api/meetings/${m.id}/agenda/order`, { items: [{ id: a.id, parentId: null, position: 0 }] });
    expect(missing.body.code).toBe('AGENDA_ORDER_INVALID');
    const deep = await secretary.request('PUT', `/api/meetings/${m.id}/agenda/order`, {
      items: [
        { id: a.id, parentId: null, position: 0 },
        { id: b.id, parentId: a.id, position: 0 },
        { id: b1.id, parentId: b.id, position: 0 },
        { id: c.id, parentId: null, position: 1 },
      ],
    });
    expect(deep.body.code).toBe('AGENDA_ORDER_INVALID');
    expect((await secretary.patch(`/api/meetings/${m.id}/agenda/${a.id}`, { presenter: 'Chủ tịch UBND tỉnh' })).body.presenter).toBe('Chủ tịch UBND tỉnh');
    expect((await secretary.delete(`/api/meetings/${m.id}/agenda/${a.id}`)).status).toBe(204);
    expect((await secretary.get(`/api/meetings/${m.id}/agenda`)).body.map((i: { title: string }) => i.title)).toEqual(['Kết luận', 'Báo cáo kinh tế - xã hội']);
  });

  it('follows the lifecycle: the chair opens and closes, cancelling needs a reason, finished meetings are frozen', async () => {
    const m = await draft('Phiên họp bất thường');
    await secretary.post(`/api/meetings/${m.id}/participants`, { meetingRole: 'chair', userIds: [ids['chutoa']] });
    const both = await Promise.all([secretary.post(`/api/meetings/${m.id}/publish`), secretary.post(`/api/meetings/${m.id}/publish`)]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await chair.post(`/api/meetings/${m.id}/archive`)).status).toBe(403);
    expect((await chair.post(`/api/meetings/${m.id}/start`)).body.status).toBe('in_progress');
    expect((await chair.post(`/api/meetings/${m.id}/end`)).body.status).toBe('ended');
    expect((await secretary.post(`/api/meetings/${m.id}/start`)).body.code).toBe('MEETING_INVALID_TRANSITION');
    expect((await secretary.patch(`/api/meetings/${m.id}`, { title: 'Sửa sau khi họp' })).body.code).toBe('MEETING_NOT_EDITABLE');
    expect((await secretary.post(`/api/meetings/${m.id}/archive`)).body.status).toBe('archived');
    expect((await secretary.post(`/api/meetings/${m.id}/teleport`)).status).toBe(404);

    const other = await draft('Họp sẽ bị hủy');
    await secretary.post(`/api/meetings/${other.id}/participants`, { meetingRole: 'delegate', userIds: [ids['daibieu']] });
    await secretary.post(`/api/meetings/${other.id}/publish`);
    const delegateSocket = await socketOf(delegate);
    const changed = new Promise<{ status: string }>((resolve) => delegateSocket.once('meeting:changed', resolve));
    expect((await secretary.post(`/api/meetings/${other.id}/cancel`, {})).body.code).toBe('VALIDATION_FAILED');
    const cancelled = await secretary.post(`/api/meetings/${other.id}/cancel`, { reason: 'Lùi sang tuần sau' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'Lùi sang tuần sau' });
    expect((await changed).status).toBe('cancelled');
    const mine = (await delegate.get('/api/meetings/mine')).body as { id: string; status: string }[];
    expect(mine.at(-1)).toMatchObject({ id: other.id, status: 'cancelled' });
  });

  it('does not let the last secretary leave the meeting', async () => {
    const m = await draft();
    const me = ((await secretary.get(`/api/meetings/${m.id}/participants`)).body as ParticipantDto[])[0];
    expect((await secretary.delete(`/api/meetings/${m.id}/participants/${me.id}`)).status).toBe(403);
    expect((await secretary.patch(`/api/meetings/${m.id}/participants/${me.id}`, { meetingRole: 'delegate' })).status).toBe(403);
  });
});
