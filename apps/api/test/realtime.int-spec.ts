import { applyRoomMessage, type RoomSnapshot } from '@phonghop/contracts';
import { DELTA_LOG_SIZE } from '@phonghop/server-realtime';
import { connectError, connectSocket, connected, type PhClient, roomView } from './support/socket';
import { type Browser, ENGINE, signedIn, startTestApp, type TestApp } from './support/test-app';

describe(`realtime meeting rooms (${ENGINE})`, () => {
  let t: TestApp;
  let meetingId: string;
  let chair: Browser;
  let delegate: Browser;
  const sockets: PhClient[] = [];
  const open = async (b: Browser | undefined, headers: Record<string, string> = {}) => {
    const s = connectSocket(t.baseUrl, b?.cookie, headers);
    sockets.push(s);
    await connected(s);
    return s;
  };

  beforeAll(async () => {
    t = await startTestApp();
    chair = await signedIn(t.baseUrl, 'chutoa');
    delegate = await signedIn(t.baseUrl, 'daibieu');
    meetingId = (await chair.get('/api/meetings/mine')).body[0].id;
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(() => t.destroy());

  it('refuses a handshake without a valid session', async () => {
    const anon = connectSocket(t.baseUrl, undefined);
    sockets.push(anon);
    const err = await connectError(anon);
    expect(err.message).toBe('AUTH_REQUIRED');
    expect(err.data).toMatchObject({ code: 'AUTH_REQUIRED', message: { vi: 'Vui lòng đăng nhập.' } });
    const forged = connectSocket(t.baseUrl, 'forged-token');
    sockets.push(forged);
    expect((await connectError(forged)).message).toBe('AUTH_REQUIRED');
  });

  it('refuses a handshake from a foreign origin even with a valid cookie', async () => {
    const s = connectSocket(t.baseUrl, chair.cookie, { origin: 'https://evil.example' });
    sockets.push(s);
    await expect(connectError(s)).resolves.toBeDefined();
    await expect(open(chair, { origin: t.baseUrl })).resolves.toBeDefined();
  });

  it('lets participants join with a snapshot that includes themselves, and tells the others', async () => {
    const chairSocket = await open(chair);
    const joined = await chairSocket.emitWithAck('room:join', { meetingId });
    expect(joined.ok).toBe(true);
    if (!joined.ok) return;
    expect(joined.data.state.presence).toEqual([{ userId: expect.any(String), fullName: 'Trần Văn Minh', meetingRole: 'chair' }]);
    const chairView = roomView(chairSocket);
    chairView.start(joined.data);
    const presenceDeltas: string[] = [];
    chairSocket.on('room:delta', (msg) => msg.delta.slice === 'presence' && presenceDeltas.push(msg.delta.change.kind));
    const roles = () => chairView.current.state.presence.map((p) => p.meetingRole).sort();

    const delegateSocket = await open(delegate);
    const second = await delegateSocket.emitWithAck('room:join', { meetingId });
    if (!second.ok) throw new Error('delegate could not join');
    expect(second.data.state.presence.map((p) => p.meetingRole).sort()).toEqual(['chair', 'delegate']);
    // Arrivals go out together once per window: the chair hears of the delegate in one delta.
    await chairView.until(() => roles().length === 2);
    expect(roles()).toEqual(['chair', 'delegate']);
    expect(presenceDeltas.length).toBeLessThanOrEqual(2); // its own arrival's window, if still open, and this one

    // A second tab of the same person does not announce them twice; closing one tab keeps them present.
    const before = presenceDeltas.length;
    const secondTab = await open(delegate);
    await secondTab.emitWithAck('room:join', { meetingId });
    secondTab.disconnect();
    delegateSocket.disconnect();
    await chairView.until(() => roles().length === 1);
    expect(roles()).toEqual(['chair']);
    expect(presenceDeltas.slice(before)).toEqual(['remove']);
  });

  it('keeps non-participants out and validates the meeting id', async () => {
    const guest = await signedIn(t.baseUrl, 'khachmoi');
    const s = await open(guest);
    const res = await s.emitWithAck('room:join', { meetingId });
    expect(res).toMatchObject({ ok: false, error: { code: 'MEETING_ACCESS_DENIED', statusCode: 403 } });
    expect(await s.emitWithAck('room:join', { meetingId: 'DROP TABLE' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    // Not joined, so no resync either.
    expect(await s.emitWithAck('room:resync', { meetingId, fromVersion: 0 })).toMatchObject({ ok: false, error: { code: 'MEETING_ACCESS_DENIED' } });
  });

  it('lets only the chair or secretary set the notice; everyone gets the versioned delta', async () => {
    const c = await open(chair);
    const d = await open(delegate);
    const [chairView, delegateView] = [roomView(c), roomView(d)];
    chairView.start(((await c.emitWithAck('room:join', { meetingId })) as { ok: true; data: RoomSnapshot }).data);
    delegateView.start(((await d.emitWithAck('room:join', { meetingId })) as { ok: true; data: RoomSnapshot }).data);
    // Both arrivals announced (presence goes out once per window), so the next version is the notice's.
    const before = (await chairView.until((s) => s.state.presence.length === 2)).version;
    expect(await d.emitWithAck('room:notice', { meetingId, notice: 'Tôi muốn đổi' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const set = await c.emitWithAck('room:notice', { meetingId, notice: 'Giải lao 15 phút' });
    expect(set).toEqual({ ok: true, data: { version: before + 1 } });
    // The delegate applies every delta in order, without a gap, and ends at the notice's version.
    const seen = await delegateView.until((s) => s.state.notice === 'Giải lao 15 phút');
    expect(seen.version).toBe(before + 1);
    expect(await c.emitWithAck('room:notice', { meetingId, notice: 'x'.repeat(501) })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('resyncs a client that missed deltas: the missed deltas while the log has them, else a snapshot', async () => {
    const c = await open(chair);
    const view = roomView(c);
    const joined = (await c.emitWithAck('room:join', { meetingId })) as { ok: true; data: RoomSnapshot };
    view.start(joined.data);
    // The chair's own arrival goes out at the end of its presence window; count versions after it.
    const base = await view.until((s) => s.version > joined.data.version);
    const from = base.version;
    for (let i = 1; i <= 3; i++) await c.emitWithAck('room:notice', { meetingId, notice: `Thông báo ${i}` });
    const res = await c.emitWithAck('room:resync', { meetingId, fromVersion: from });
    if (!res.ok || res.data.mode !== 'deltas') throw new Error(`expected deltas, got ${JSON.stringify(res)}`);
    expect(res.data.deltas.map((m) => m.version)).toEqual([from + 1, from + 2, from + 3]);
    let state = base;
    for (const m of res.data.deltas) state = applyRoomMessage(state, m).next;
    expect(state.state.notice).toBe('Thông báo 3');

    for (let i = 0; i < DELTA_LOG_SIZE + 5; i++) await c.emitWithAck('room:notice', { meetingId, notice: `n${i}` });
    const late = await c.emitWithAck('room:resync', { meetingId, fromVersion: from });
    if (!late.ok || late.data.mode !== 'snapshot') throw new Error('expected a snapshot after the log rolled over');
    expect(late.data.snapshot.version).toBe(from + 3 + DELTA_LOG_SIZE + 5);
    expect(late.data.snapshot.state.notice).toBe(`n${DELTA_LOG_SIZE + 4}`);
  });

  it('drops the sockets of a session that logs out, telling the client why', async () => {
    const b = await signedIn(t.baseUrl, 'thuky');
    const s = await open(b);
    await s.emitWithAck('room:join', { meetingId });
    const told = new Promise<void>((resolve) => s.once('session:ended', () => resolve()));
    const dropped = new Promise<string>((resolve) => s.once('disconnect', (reason) => resolve(reason)));
    expect((await b.post('/api/auth/logout')).status).toBe(204);
    await told;
    expect(await dropped).toBe('io server disconnect');
  });
});

