import { type DocumentDto, type PresentationMethod, type PresentationRequests, type RoomDeltaMessage, type RoomSnapshot, REALTIME_PATH, SESSION_COOKIE } from '@phonghop/contracts';
import { io } from 'socket.io-client';
import { vietnamesePdf } from './fixtures/pdfs';
import { connectSocket, connected, deltaRecorder, type PhClient } from './support/socket';
import { type Browser, ENGINE, signedIn, startTestApp, type TestApp } from './support/test-app';

type Reply = { ok: true; data: unknown } | { ok: false; error: { code: string } };

describe(`presenter mode (${ENGINE})`, () => {
  let t: TestApp;
  let meetingId: string;
  let doc: DocumentDto;
  const as: Record<string, Browser> = {};
  const ids: Record<string, string> = {};
  const sockets: PhClient[] = [];

  const open = async (who: string) => {
    const s = connectSocket(t.baseUrl, as[who].cookie);
    sockets.push(s);
    await connected(s);
    return s;
  };
  const join = async (s: PhClient) => {
    const res = await s.emitWithAck('room:join', { meetingId });
    if (!res.ok) throw new Error('join failed');
    return res.data as RoomSnapshot;
  };
  const present = <M extends PresentationMethod>(s: PhClient, method: M, data: Omit<PresentationRequests[M]['req'], 'meetingId'>) =>
    s.emitWithAck('presentation:request', { method, data: { meetingId, ...data } } as never) as Promise<Reply>;
  /** The next presentation delta this socket receives. */
  const nextPresentation = (s: PhClient) =>
    new Promise<RoomDeltaMessage>((resolve) => {
      const on = (m: RoomDeltaMessage) => {
        if (m.delta.slice !== 'presentation') return;
        s.off('room:delta', on);
        resolve(m);
      };
      s.on('room:delta', on);
    });

  beforeAll(async () => {
    t = await startTestApp();
    for (const u of ['thuky', 'chutoa', 'daibieu', 'khachmoi']) {
      as[u] = await signedIn(t.baseUrl, u);
      ids[u] = (await as[u].get('/api/auth/me')).body.user.id;
    }
    meetingId = (await as['thuky'].get('/api/meetings/mine')).body[0].id;
    const pdf = await vietnamesePdf([['Trang 1'], ['Trang 2'], ['Trang 3']], 'Báo cáo');
    const started = await as['thuky'].post(`/api/meetings/${meetingId}/uploads`, { fileName: 'bao-cao.pdf', sizeBytes: pdf.length });
    await fetch(`${t.baseUrl}/api/uploads/${started.body.uploadId}?offset=0`, {
      method: 'PUT',
      headers: { cookie: `${SESSION_COOKIE}=${as['thuky'].cookie}`, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(pdf),
    });
    doc = (await as['thuky'].post(`/api/uploads/${started.body.uploadId}/complete`, { title: 'Báo cáo' })).body as DocumentDto;
    expect((await as['thuky'].post(`/api/documents/${doc.id}/publish`)).status).toBe(200);
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(() => t.destroy());

  it('lets the chair present without a conference: page, zoom and live ink reach tablets and the display as small deltas', async () => {
    const chair = await open('chutoa');
    const tablet = await open('daibieu');
    await join(tablet);
    const display = (await as['thuky'].post(`/api/meetings/${meetingId}/displays`, { label: 'Màn hình' })).body.token as string;
    const screen = io(t.baseUrl, { path: REALTIME_PATH, transports: ['websocket'], reconnection: false, auth: { displayToken: display } }) as PhClient;
    sockets.push(screen);
    await connected(screen);
    expect((await screen.emitWithAck('room:join', { meetingId })).ok).toBe(true);
    const screenDeltas = deltaRecorder(screen);

    const started = nextPresentation(tablet);
    expect(await present(chair, 'start', { documentId: doc.id, page: 2 })).toMatchObject({ ok: true, data: { page: 2, pageCount: 3, version: 1, presenter: 'Trần Văn Minh', zoom: 1, ink: [] } });
    expect((await started).delta).toMatchObject({ slice: 'presentation', change: { kind: 'set', presentation: { documentId: doc.id, page: 2 } } });

    // A page turn, a zoom, a stroke and its next points: each a delta of a few hundred bytes at most.
    const turned = nextPresentation(tablet);
    await present(chair, 'view', { page: 3 });
    const turn = await turned;
    expect(turn.delta).toMatchObject({ change: { kind: 'view', view: { page: 3, zoom: 1, focus: null } } });
    const stroked = nextPresentation(tablet);
    expect(await present(chair, 'stroke', { stroke: { id: 's1', color: '#d32f2f', width: 0.004, points: [[0.1234567, 0.2], [0.15, 0.22]] } })).toMatchObject({ ok: true });
    const stroke = await stroked;
    const pointsCame = nextPresentation(tablet);
    await present(chair, 'points', { strokeId: 's1', points: Array.from({ length: 10 }, (_, i) => [0.15 + i / 100, 0.22 + i / 200]) });
    const points = await pointsCame;
    for (const m of [turn, stroke, points]) expect(JSON.stringify(m).length).toBeLessThan(400);
    expect(stroke.delta).toMatchObject({ change: { kind: 'stroke', stroke: { points: [[0.1235, 0.2], [0.15, 0.22]] } } });

    // A late joiner (a tablet reconnecting) finds it all in the snapshot; so does the display.
    const late = await open('thuky');
    const snapshot = await join(late);
    expect(snapshot.state.presentation).toMatchObject({ page: 3, ink: [{ id: 's1' }] });
    expect(snapshot.state.presentation?.ink[0].points).toHaveLength(12);
    await screenDeltas.waitFor(3);
    // The page turns again: the ink of the old page is gone.
    await present(chair, 'view', { page: 1, zoom: 2, focus: { x: 0.3, y: 0.4 } });
    expect((await join(await open('daibieu'))).state.presentation).toMatchObject({ page: 1, zoom: 2, focus: { x: 0.3, y: 0.4 }, ink: [] });
  });

  it('keeps the presentation to the presenter; hosts may end it; whoever has the floor may present', async () => {
    const chair = await open('chutoa');
    const delegate = await open('daibieu');
    // Only the presenter turns pages or draws; a delegate without the floor may not take over.
    expect(await present(delegate, 'view', { page: 2 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await present(delegate, 'stroke', { stroke: { id: 'x', color: '#000000', width: 0.004, points: [[0, 0]] } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await present(delegate, 'start', { documentId: doc.id, page: 1 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await present(delegate, 'stop', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Bad input: too many points at once, a stroke on a page that does not exist is clamped, an unknown method refused.
    expect(await present(chair, 'points', { strokeId: 's1', points: Array.from({ length: 201 }, () => [0.5, 0.5]) })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await chair.emitWithAck('presentation:request', { method: 'nope', data: { meetingId } } as never)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    // Given the floor, the delegate presents; the chair may still end it.
    const secretary = await open('thuky');
    expect(await secretary.emitWithAck('floor:request', { method: 'start', data: { meetingId } } as never)).toMatchObject({ ok: true });
    expect(await secretary.emitWithAck('floor:request', { method: 'giveFloor', data: { meetingId, userId: ids['daibieu'] } } as never)).toMatchObject({ ok: true });
    expect(await present(delegate, 'start', { documentId: doc.id, page: 9 })).toMatchObject({ ok: true, data: { page: 3, presenterId: ids['daibieu'] } });
    expect(await present(chair, 'view', { page: 1 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await present(chair, 'stop', {})).toMatchObject({ ok: true });
    expect(await present(delegate, 'view', { page: 1 })).toMatchObject({ ok: false, error: { code: 'PRESENTATION_NOT_RUNNING' } });
    // Someone outside the meeting cannot present in it.
    const outsider = await open('khachmoi');
    expect(await present(outsider, 'start', { documentId: doc.id, page: 1 })).toMatchObject({ ok: false, error: { code: 'MEETING_ACCESS_DENIED' } });
  });

  it('lets a hall display fetch the presented file, and only that, with its token', async () => {
    const token = (await as['thuky'].post(`/api/meetings/${meetingId}/displays`, { label: 'Màn hình 2' })).body.token as string;
    const fetchFile = (headers: Record<string, string>) => fetch(`${t.baseUrl}/api/display/presentation/file`, { headers });
    expect((await fetchFile({})).status).toBe(401);
    expect(await (await fetchFile({ 'x-display-token': token })).json()).toMatchObject({ code: 'PRESENTATION_NOT_RUNNING' });
    const chair = await open('chutoa');
    expect(await present(chair, 'start', { documentId: doc.id, page: 1 })).toMatchObject({ ok: true });
    const whole = await fetchFile({ 'x-display-token': token });
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await whole.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const part = await fetchFile({ 'x-display-token': token, range: 'bytes=0-99' });
    expect(part.status).toBe(206);
    expect((await part.arrayBuffer()).byteLength).toBe(100);
    // A confidential document is not put on the shared screen.
    expect((await as['thuky'].patch(`/api/documents/${doc.id}`, { access: 'confidential' })).status).toBe(200);
    expect(await (await fetchFile({ 'x-display-token': token })).json()).toMatchObject({ code: 'DISPLAY_DOCUMENT_RESTRICTED' });
    expect(await present(chair, 'stop', {})).toMatchObject({ ok: true });
    expect((await fetchFile({ 'x-display-token': 'not-a-token' })).status).toBe(401);
  });

  it('keeps what is presented across a restart of the API (page and zoom; the live ink is for the moment)', async () => {
    expect((await as['thuky'].patch(`/api/documents/${doc.id}`, { access: 'all' })).status).toBe(200);
    const chair = await open('chutoa');
    expect(await present(chair, 'start', { documentId: doc.id, page: 1 })).toMatchObject({ ok: true });
    expect(await present(chair, 'view', { page: 3, zoom: 2 })).toMatchObject({ ok: true });
    expect(await present(chair, 'stroke', { stroke: { id: 'net-1', color: '#d32f2f', width: 0.004, points: [[0.1, 0.1]] } })).toMatchObject({ ok: true });
    for (const s of sockets.splice(0)) s.disconnect();
    await t.stop();
    t = await startTestApp({}, { dataDir: t.dataDir, databaseUrl: t.databaseUrl });
    for (const u of ['chutoa', 'daibieu']) as[u] = await signedIn(t.baseUrl, u);
    const snapshot = await join(await open('daibieu'));
    expect(snapshot.state.presentation).toMatchObject({ documentId: doc.id, page: 3, zoom: 2, presenterId: ids['chutoa'], ink: [] });
    // The presenter carries on; stopping ends it for good (also after another restart).
    const again = await open('chutoa');
    expect(await present(again, 'view', { page: 2 })).toMatchObject({ ok: true });
    expect(await present(again, 'stop', {})).toMatchObject({ ok: true });
    for (const s of sockets.splice(0)) s.disconnect();
    await t.stop();
    t = await startTestApp({}, { dataDir: t.dataDir, databaseUrl: t.databaseUrl });
    as['daibieu'] = await signedIn(t.baseUrl, 'daibieu');
    expect((await join(await open('daibieu'))).state.presentation).toBeNull();
  });
});
