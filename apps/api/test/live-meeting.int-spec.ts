import { DISPLAY_TOKEN_HEADER, type FloorMethod, type FloorRequests, REALTIME_PATH, type RoomSnapshot } from '@phonghop/contracts';
import { io } from 'socket.io-client';
import { connectError, connectSocket, connected, deltaRecorder, type PhClient } from './support/socket';
import { Browser, ENGINE, signedIn, startTestApp, type TestApp } from './support/test-app';

type Reply = { ok: true; data: unknown } | { ok: false; error: { code: string } };

describe(`live meeting: floor, attendance, display (${ENGINE})`, () => {
  let t: TestApp;
  let meetingId: string;
  const people: Record<string, Browser> = {};
  const ids: Record<string, string> = {};
  const sockets: PhClient[] = [];
  const open = async (who: string | undefined, auth?: Record<string, string>) => {
    const s = auth
      ? (io(t.baseUrl, { path: REALTIME_PATH, transports: ['websocket'], reconnection: false, auth }) as PhClient)
      : connectSocket(t.baseUrl, who ? people[who].cookie : undefined);
    sockets.push(s);
    await connected(s);
    return s;
  };
  const floor = <M extends FloorMethod>(s: PhClient, method: M, data: Omit<FloorRequests[M]['req'], 'meetingId'>, id = meetingId) =>
    s.emitWithAck('floor:request', { method, data: { meetingId: id, ...data } } as never) as Promise<Reply>;
  const join = async (s: PhClient, audience?: 'everyone' | 'hosts') => {
    const res = await s.emitWithAck('room:join', { meetingId, ...(audience ? { audience } : {}) });
    if (!res.ok) throw new Error(`join failed: ${res.error.code}`);
    return res.data as RoomSnapshot;
  };
  const login = async () => {
    for (const u of ['chutoa', 'thuky', 'daibieu', 'diemcau.phuloc', 'khachmoi']) {
      people[u] = await signedIn(t.baseUrl, u);
      ids[u] = (await people[u].get('/api/auth/me')).body.user.id;
    }
  };

  beforeAll(async () => {
    t = await startTestApp();
    await login();
    meetingId = (await people['chutoa'].get('/api/meetings/mine')).body[0].id;
    for (const title of ['Báo cáo tình hình kinh tế - xã hội tháng 12', 'Dự toán ngân sách năm 2027']) {
      expect((await people['thuky'].post(`/api/meetings/${meetingId}/agenda`, { title, plannedMinutes: 30 })).status).toBe(201);
    }
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(() => t.destroy());

  it('keeps chair actions for those who preside, on every route and event', async () => {
    const chair = await open('chutoa');
    await join(chair);
    // A guest of the meeting (khách mời) may follow it but not run it.
    expect((await people['thuky'].post(`/api/meetings/${meetingId}/participants`, { meetingRole: 'guest', userIds: [ids['khachmoi']] })).status).toBe(200);
    for (const who of ['daibieu', 'diemcau.phuloc', 'khachmoi']) {
      const s = await open(who);
      for (const [method, data] of [
        ['start', {}],
        ['end', {}],
        ['openItem', { itemId: meetingId }],
        ['closeItem', {}],
        ['giveFloor', { userId: ids['daibieu'] }],
        ['endSpeech', {}],
        ['extendSpeech', { seconds: 60 }],
        ['reorderQueue', { requestIds: [] }],
        ['setSettings', { speakingSeconds: 120 }],
        ['markAttendance', { userId: ids['daibieu'], status: 'present' }],
      ] as const) {
        expect({ who, method, reply: await floor(s, method, data as never) }).toMatchObject({ reply: { ok: false, error: { code: 'FORBIDDEN' } } });
      }
      expect((await s.emitWithAck('room:join', { meetingId, audience: 'hosts' })).ok).toBe(false);
      expect((await people[who].get(`/api/meetings/${meetingId}/check-in-code`)).status).toBe(403);
      expect((await people[who].post(`/api/meetings/${meetingId}/displays`, { label: 'x' })).status).toBe(403);
      expect(await s.emitWithAck('room:notice', { meetingId, notice: 'x' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    for (const route of ['check-in-code', 'displays', 'record']) expect((await people['khachmoi'].get(`/api/meetings/${meetingId}/${route}`)).status).toBe(403);
    // Not a participant at all (the guest taken off again).
    const seat = ((await people['thuky'].get(`/api/meetings/${meetingId}/participants`)).body as { id: string; userId: string }[]).find((p) => p.userId === ids['khachmoi']);
    expect((await people['thuky'].delete(`/api/meetings/${meetingId}/participants/${seat?.id}`)).status).toBe(204);
    const outsider = await open('khachmoi');
    expect(await floor(outsider, 'requestFloor', { kind: 'speech', topic: null })).toMatchObject({ ok: false, error: { code: 'MEETING_ACCESS_DENIED' } });
    expect(await floor(outsider, 'checkIn', { code: 'abc' })).toMatchObject({ ok: false, error: { code: 'MEETING_ACCESS_DENIED' } });
    expect((await people['khachmoi'].get(`/api/meetings/${meetingId}/record`)).status).toBe(403);
    // Malformed requests never reach the rules.
    expect(await floor(chair, 'giveFloor', { seconds: 1 })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await chair.emitWithAck('floor:request', { method: 'nope', data: { meetingId } } as never)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('runs a session: start, check-in by QR, quorum facts, speakers list with points of order, the site given the floor', async () => {
    const chair = await open('chutoa');
    await join(chair);
    const hosts = await join(chair, 'hosts');
    expect(hosts).toMatchObject({ audience: 'hosts', state: { absenceReasons: {} } });
    const delegate = await open('daibieu');
    const before = await join(delegate);
    expect(before.state.floor.phase).toBe('not_started');
    const seen = deltaRecorder(delegate);

    expect(await floor(chair, 'start', {})).toMatchObject({ ok: true });
    expect((await people['daibieu'].get(`/api/meetings/${meetingId}`)).body.status).toBe('in_progress');
    // The first floor delta (the delegate's own arrival may come first: presence is sent in 100 ms windows).
    const isFloor = (m: { delta: { slice: string } }) => m.delta.slice === 'floor';
    for (let n = 1; !seen.seen.some(isFloor); n++) await seen.waitFor(n);
    expect(seen.seen.find(isFloor)).toMatchObject({ audience: 'everyone', delta: { slice: 'floor', change: { kind: 'session', phase: 'in_session' } } });

    // Check-in: the code comes from the display's QR; a wrong one is refused, a repeated one stored once.
    expect((await people['daibieu'].post(`/api/meetings/${meetingId}/check-in`, { code: 'wrong-code-000000' })).body.code).toBe('CHECK_IN_CODE_INVALID');
    const { code, path } = (await people['thuky'].get(`/api/meetings/${meetingId}/check-in-code`)).body;
    expect(path).toBe(`/meetings/${meetingId}/check-in?code=${encodeURIComponent(code)}`);
    const checkIns = await Promise.all([1, 2, 3].map(() => people['daibieu'].post(`/api/meetings/${meetingId}/check-in`, { code })));
    expect(checkIns.map((r) => r.status)).toEqual([204, 204, 204]);
    expect(await floor(chair, 'checkIn', { code })).toMatchObject({ ok: true });
    const site = await open('diemcau.phuloc');
    await join(site);
    expect(await floor(site, 'confirmRollCall', { userIds: [] })).toMatchObject({ ok: true });
    expect(await floor(delegate, 'confirmRollCall', { userIds: [] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const afterCheckIn = await join(await open('thuky'));
    expect(afterCheckIn.state.attendance[ids['daibieu']]).toMatchObject({ status: 'present', method: 'qr', siteId: null });
    expect(afterCheckIn.state.attendance[ids['chutoa']]).toMatchObject({ status: 'present', method: 'qr' });
    expect(afterCheckIn.state.attendance[ids['diemcau.phuloc']]).toMatchObject({ status: 'present', method: 'site', siteName: 'Điểm cầu UBND huyện Phú Lộc' });

    // Absence reasons go to the hosts' channel only.
    const hostSeen = deltaRecorder(chair);
    expect(await floor(chair, 'markAttendance', { userId: ids['thuky'], status: 'absent', reason: 'Đi công tác' })).toMatchObject({ ok: true });
    const reasons = await hostSeen.waitFor(2);
    expect(reasons.find((m) => m.audience === 'hosts')).toMatchObject({ delta: { slice: 'absenceReasons', change: { userId: ids['thuky'], reason: 'Đi công tác' } } });
    const delegateView = await join(await open('daibieu'));
    expect(delegateView.state.absenceReasons).toEqual({});
    expect(delegateView.state.attendance[ids['thuky']]).toMatchObject({ status: 'absent' });
    expect(await floor(chair, 'markAttendance', { userId: ids['khachmoi'], status: 'present' })).toMatchObject({ ok: false, error: { code: 'ATTENDANCE_NOT_MEMBER' } });

    // The agenda: open an item.
    const agenda = (await people['chutoa'].get(`/api/meetings/${meetingId}/agenda`)).body as { id: string; title: string }[];
    expect(await floor(chair, 'openItem', { itemId: agenda[0].id })).toMatchObject({ ok: true });

    // Speakers: a speech from the hall, then a point of order from the site jumps ahead of it.
    const speech = await floor(delegate, 'requestFloor', { kind: 'speech', topic: 'Về ngân sách' });
    expect(await floor(delegate, 'requestFloor', { kind: 'speech', topic: null })).toMatchObject({ ok: false, error: { code: 'FLOOR_ALREADY_REQUESTED' } });
    const order = await floor(site, 'requestFloor', { kind: 'point_of_order', topic: null });
    if (!speech.ok || !order.ok) throw new Error('requests refused');
    const queued = (await join(await open('thuky'))).state.floor.queue;
    expect(queued.map((q) => [q.kind, q.name, q.siteId !== null])).toEqual([
      ['point_of_order', 'Điểm cầu UBND huyện Phú Lộc', true],
      ['speech', 'Lê Hoàng Nam', false],
    ]);
    expect(await floor(delegate, 'withdraw', { requestId: (order.data as { requestId: string }).requestId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // Giving the floor to the site's request takes it off the list.
    expect(await floor(chair, 'giveFloor', { requestId: (order.data as { requestId: string }).requestId, seconds: 90 })).toMatchObject({ ok: true });
    const now = (await join(await open('thuky'))).state.floor;
    expect(now.speaker).toMatchObject({ name: 'Điểm cầu UBND huyện Phú Lộc', allottedSeconds: 90, kind: 'point_of_order' });
    expect(now.queue.map((q) => q.name)).toEqual(['Lê Hoàng Nam']);
    expect(now.currentItemId).toBe(agenda[0].id);
  });

  it('resumes exactly where it was after the API restarts', async () => {
    const chair = await open('chutoa');
    const before = (await join(chair)).state;
    expect(before.floor.speaker).not.toBeNull();
    for (const s of sockets.splice(0)) s.disconnect();
    await t.stop();
    t = await startTestApp({}, { dataDir: t.dataDir, databaseUrl: t.databaseUrl });
    await login();
    const after = (await join(await open('daibieu'))).state;
    expect(after.floor).toEqual(before.floor);
    expect(after.attendance).toEqual(before.attendance);
    const hosts = await join(await open('thuky'), 'hosts');
    expect(hosts.state.absenceReasons).toEqual({ [ids['thuky']]: 'Đi công tác' });
    const s2 = await open('chutoa');
    expect(await floor(s2, 'endSpeech', {})).toMatchObject({ ok: true });
    expect(await floor(s2, 'endSpeech', {})).toMatchObject({ ok: false, error: { code: 'FLOOR_NO_SPEAKER' } });
    // The running record holds what happened, in order, for those who preside only.
    expect((await people['daibieu'].get(`/api/meetings/${meetingId}/record`)).status).toBe(403);
    const record = (await people['thuky'].get(`/api/meetings/${meetingId}/record`)).body as { kind: string; data: Record<string, unknown> }[];
    expect(record.map((e) => e.kind).filter((k) => k !== 'attendance')).toEqual(['session_opened', 'item_opened', 'speech_started', 'speech_ended']);
    expect(record.find((e) => e.kind === 'speech_ended')?.data).toMatchObject({ name: 'Điểm cầu UBND huyện Phú Lộc', kind: 'point_of_order', allottedSeconds: 90 });
    expect(record.filter((e) => e.kind === 'attendance').map((e) => e.data['method'])).toEqual(['qr', 'qr', 'site', 'secretary']);
  });

  it('opens a display with a token: one meeting, read-only, revocable', async () => {
    const created = await people['thuky'].post(`/api/meetings/${meetingId}/displays`, { label: 'Máy chiếu hội trường' });
    expect(created.status).toBe(201);
    const { token, path, id } = created.body;
    expect(path).toBe(`/display#${token}`);
    expect((await people['thuky'].get(`/api/meetings/${meetingId}/displays`)).body).toEqual([expect.not.objectContaining({ token: expect.anything() })]);

    const anonymous = new Browser(t.baseUrl);
    const info = await anonymous.request('GET', '/api/display', undefined, { [DISPLAY_TOKEN_HEADER]: token });
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ meeting: { id: meetingId, status: 'in_progress' }, checkInCode: expect.any(String) });
    expect(info.body.agenda.length).toBeGreaterThan(0);
    expect((await anonymous.request('GET', '/api/display', undefined, { [DISPLAY_TOKEN_HEADER]: 'x'.repeat(32) })).body.code).toBe('DISPLAY_NOT_FOUND');
    // The token opens nothing else over HTTP.
    expect((await anonymous.request('GET', `/api/meetings/${meetingId}`, undefined, { [DISPLAY_TOKEN_HEADER]: token })).status).toBe(401);

    const display = await open(undefined, { displayToken: token });
    const snap = await join(display);
    expect(snap.state.presence.map((p) => p.userId)).not.toContain(undefined);
    expect(snap.state.floor.phase).toBe('in_session');
    expect(await display.emitWithAck('room:join', { meetingId, audience: 'hosts' })).toMatchObject({ ok: false });
    expect(await display.emitWithAck('room:join', { meetingId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ ok: false, error: { code: 'MEETING_ACCESS_DENIED' } });
    expect(await floor(display, 'requestFloor', { kind: 'speech', topic: null })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const clock = await display.emitWithAck('clock:sync', null);
    expect(clock).toMatchObject({ ok: true, data: { serverTime: expect.any(Number) } });

    // The display follows the floor live.
    const seen = deltaRecorder(display);
    const chair = await open('chutoa');
    expect(await floor(chair, 'giveFloor', { userId: ids['daibieu'] })).toMatchObject({ ok: true });
    await seen.waitFor(2);
    expect(seen.seen.some((m) => m.delta.slice === 'floor' && m.delta.change.kind === 'speaker')).toBe(true);

    // Revoked: the socket is dropped and the token no longer opens anything.
    const dropped = new Promise((resolve) => display.once('disconnect', resolve));
    expect((await people['thuky'].delete(`/api/meetings/${meetingId}/displays/${id}`)).status).toBe(204);
    await dropped;
    expect((await anonymous.request('GET', '/api/display', undefined, { [DISPLAY_TOKEN_HEADER]: token })).status).toBe(404);
    const again = io(t.baseUrl, { path: REALTIME_PATH, transports: ['websocket'], reconnection: false, auth: { displayToken: token } }) as PhClient;
    sockets.push(again);
    expect((await connectError(again)).message).toBe('AUTH_REQUIRED');
  });

  it('renews the hall’s check-in code: the old QR stops working', async () => {
    const old = (await people['thuky'].get(`/api/meetings/${meetingId}/check-in-code`)).body.code as string;
    expect((await people['daibieu'].post(`/api/meetings/${meetingId}/check-in-code/renew`)).status).toBe(403);
    const watcher = await open('daibieu');
    const before = (await join(watcher)).state.floor.checkInRevision;
    const seen = deltaRecorder(watcher);
    const renewed = await people['chutoa'].post(`/api/meetings/${meetingId}/check-in-code/renew`);
    // Everyone hears that the QR changed, nobody hears the code.
    const told = (await seen.waitFor(1)).find((m) => m.delta.slice === 'floor' && m.delta.change.kind === 'checkIn');
    expect(told?.delta).toEqual({ slice: 'floor', change: { kind: 'checkIn', checkInRevision: before + 1 } });
    expect(renewed.status).toBe(201);
    expect(renewed.body.code).not.toBe(old);
    expect((await people['daibieu'].post(`/api/meetings/${meetingId}/check-in`, { code: old })).body.code).toBe('CHECK_IN_CODE_INVALID');
    expect((await people['daibieu'].post(`/api/meetings/${meetingId}/check-in`, { code: renewed.body.code })).status).toBe(204);
  });

  it('takes a burst of changes at once: every one stored, none refused (one SQLite connection, transactions take turns)', async () => {
    const chair = await open('chutoa');
    const secretary = await open('thuky');
    const marks = ['chutoa', 'thuky', 'daibieu', 'diemcau.phuloc'].flatMap((who) => [
      floor(chair, 'markAttendance', { userId: ids[who], status: 'present' }),
      floor(secretary, 'markAttendance', { userId: ids[who], status: 'present' }),
    ]);
    const replies = await Promise.all([...marks, floor(chair, 'giveFloor', { userId: ids['thuky'] }), floor(secretary, 'extendSpeech', { seconds: 30 })]);
    expect(replies.filter((r) => !r.ok)).toEqual([]);
    const state = (await join(chair)).state;
    expect(Object.values(state.attendance).filter((a) => a.status === 'present')).toHaveLength(4);
    expect(state.floor.speaker).toMatchObject({ userId: ids['thuky'] });
  });

  it('ends the session and the meeting together', async () => {
    const chair = await open('chutoa');
    expect(await floor(chair, 'end', {})).toMatchObject({ ok: true });
    expect((await people['chutoa'].get(`/api/meetings/${meetingId}`)).body.status).toBe('ended');
    const state = (await join(chair)).state.floor;
    expect(state).toMatchObject({ phase: 'ended', speaker: null, queue: [] });
    expect(await floor(chair, 'requestFloor', { kind: 'speech', topic: null })).toMatchObject({ ok: false, error: { code: 'FLOOR_NOT_IN_SESSION' } });
  });
});
