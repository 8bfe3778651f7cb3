import { type ConferenceMethod, type ConferenceNotification, type ConferenceRequests, type ConferenceSnapshot, type PresentationDelta, REALTIME_PATH, SESSION_COOKIE } from '@phonghop/contracts';
import { io } from 'socket.io-client';
import { ConferenceService, MEDIA_CODECS, MediaWorkerPool } from '@phonghop/server-conference';
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { vietnamesePdf } from './fixtures/pdfs';
import { ffmpegVp8, rtpSink, VP8_PAYLOAD_TYPE } from './support/rtp';
import { connectSocket, connected, deltaRecorder, type PhClient } from './support/socket';
import { Browser, ENGINE, signedIn, startTestApp, type TestApp } from './support/test-app';

/** A browser-like RTP capability set (what mediasoup-client's Device reports for Chromium, reduced). */
const CLIENT_CAPS = {
  codecs: [
    { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2, preferredPayloadType: 100 },
    { kind: 'video', mimeType: 'video/VP8', clockRate: 90000, preferredPayloadType: 101, rtcpFeedback: [{ type: 'nack' }, { type: 'ccm', parameter: 'fir' }] },
  ],
  headerExtensions: [],
};

type Answer<M extends ConferenceMethod> = { ok: true; data: ConferenceRequests[M]['res'] } | { ok: false; error: { code: string } };

describe(`online conference signalling and media (${ENGINE})`, () => {
  let t: TestApp;
  let secretary: Browser;
  const sockets: PhClient[] = [];
  let meetingId: string;
  let ids: Record<string, string>;

  const socketOf = async (b: Browser) => {
    const s = connectSocket(t.baseUrl, b.cookie);
    sockets.push(s);
    await connected(s);
    return s;
  };
  const ask = <M extends ConferenceMethod>(s: PhClient, method: M, data: ConferenceRequests[M]['req']) =>
    s.emitWithAck('conference:request', { method, data } as never) as Promise<Answer<M>>;
  const notices = (s: PhClient) => {
    const seen: ConferenceNotification[] = [];
    s.on('conference:notification', (n) => seen.push(n));
    return {
      seen,
      async next<K extends ConferenceNotification['method']>(method: K, match: (n: Extract<ConferenceNotification, { method: K }>) => boolean = () => true, timeoutMs = 5000) {
        const deadline = Date.now() + timeoutMs;
        while (Date.now() < deadline) {
          const hit = seen.find((n): n is Extract<ConferenceNotification, { method: K }> => n.method === method && match(n as never));
          if (hit) return hit;
          await new Promise((r) => setTimeout(r, 20));
        }
        throw new Error(`no ${method} notification in ${timeoutMs} ms (saw ${seen.map((n) => n.method).join(', ')})`);
      },
    };
  };
  const joined = async (who: string) => {
    const b = await signedIn(t.baseUrl, who);
    const s = await socketOf(b);
    const n = notices(s);
    const caps = await ask(s, 'capabilities', { meetingId });
    if (!caps.ok) throw new Error(`${who}: capabilities ${caps.error.code}`);
    const j = await ask(s, 'join', { meetingId, rtpCapabilities: CLIENT_CAPS as never });
    if (!j.ok) throw new Error(`${who}: join ${j.error.code}`);
    return { socket: s, snapshot: j.data as ConferenceSnapshot, notes: n };
  };

  beforeAll(async () => {
    t = await startTestApp({ CONFERENCE_WORKERS: '2' });
    secretary = await signedIn(t.baseUrl, 'thuky');
    const admin = await signedIn(t.baseUrl, 'quantri');
    const users = (await admin.get('/api/users')).body as { id: string; username: string }[];
    ids = Object.fromEntries(users.map((u) => [u.username, u.id]));
    const sites = (await secretary.get('/api/org/sites')).body as { id: string }[];
    const startsAt = new Date(Date.now() + 3_600_000).toISOString();
    const endsAt = new Date(Date.now() + 7_200_000).toISOString();
    const m = await secretary.post('/api/meetings', {
      title: 'Hội nghị trực tuyến triển khai nhiệm vụ 2027',
      kind: 'online',
      startsAt,
      endsAt,
      participatingSiteIds: sites.map((s) => s.id),
    });
    meetingId = m.body.id;
    await secretary.post(`/api/meetings/${meetingId}/participants`, { meetingRole: 'chair', userIds: [ids['chutoa']] });
    await secretary.post(`/api/meetings/${meetingId}/participants`, { meetingRole: 'delegate', userIds: [ids['daibieu']] });
    await secretary.post(`/api/meetings/${meetingId}/participants`, { meetingRole: 'site', userIds: [ids['diemcau.phuloc']] });
    expect((await secretary.post(`/api/meetings/${meetingId}/publish`)).body.status).toBe('published');
  }, 60_000);
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(() => t.destroy());

  it('lets a site join as its site, with every invited site in the province → district → commune order', async () => {
    const site = await joined('diemcau.phuloc');
    const me = site.snapshot.peers.find((p) => p.peerId === site.snapshot.selfPeerId);
    expect(me).toMatchObject({ kind: 'site', displayName: 'Điểm cầu UBND huyện Phú Lộc', unitKind: 'district', isHost: false, audioMuted: true });
    const sites = site.snapshot.sites;
    expect(sites).toHaveLength(9);
    expect(sites[0]).toMatchObject({ unitKind: 'province', unitPath: [{ kind: 'province' }] });
    const phuLoc = sites.findIndex((s) => s.name === 'Điểm cầu UBND huyện Phú Lộc');
    expect(sites[phuLoc].state).toBe('connecting');
    // Its communes come right after the district, each with the full path.
    expect(sites[phuLoc + 1].unitPath.map((u) => u.kind)).toEqual(['province', 'district', 'commune']);
    expect(sites[phuLoc + 1].unitPath[1].name).toBe('UBND huyện Phú Lộc');
    expect(sites.filter((s) => s.state === 'invited')).toHaveLength(8);

    const host = await joined('chutoa');
    expect(host.snapshot.peers.find((p) => p.peerId === host.snapshot.selfPeerId)).toMatchObject({ kind: 'person', isHost: true, audioMuted: false });
    await site.notes.next('peerJoined', (n) => n.data.displayName === 'Trần Văn Minh');
  });

  it('refuses outsiders, meetings without a conference, malformed requests and host actions by others', async () => {
    const guest = await socketOf(await signedIn(t.baseUrl, 'khachmoi'));
    expect(await ask(guest, 'capabilities', { meetingId })).toMatchObject({ ok: false, error: { code: 'MEETING_ACCESS_DENIED' } });
    expect(await ask(guest, 'join', { meetingId, rtpCapabilities: CLIENT_CAPS as never })).toMatchObject({ ok: false, error: { code: 'MEETING_ACCESS_DENIED' } });

    const inPerson = await secretary.post('/api/meetings', {
      title: 'Họp tại hội trường',
      kind: 'in_person',
      startsAt: new Date(Date.now() + 3_600_000).toISOString(),
      endsAt: new Date(Date.now() + 7_200_000).toISOString(),
    });
    const sec = await socketOf(secretary);
    expect(await ask(sec, 'capabilities', { meetingId: inPerson.body.id })).toMatchObject({ ok: false, error: { code: 'CONFERENCE_NOT_ONLINE' } });
    const draft = await secretary.post('/api/meetings', {
      title: 'Bản nháp trực tuyến',
      kind: 'online',
      startsAt: new Date(Date.now() + 3_600_000).toISOString(),
      endsAt: new Date(Date.now() + 7_200_000).toISOString(),
    });
    expect(await ask(sec, 'capabilities', { meetingId: draft.body.id })).toMatchObject({ ok: false, error: { code: 'CONFERENCE_NOT_OPEN' } });

    expect(await sec.emitWithAck('conference:request', { method: 'explode', data: { meetingId } } as never)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await ask(sec, 'createTransport', { meetingId, direction: 'send' })).toMatchObject({ ok: false, error: { code: 'CONFERENCE_NOT_JOINED' } });

    const delegate = await joined('daibieu');
    const site = await joined('diemcau.phuloc');
    const sitePeer = site.snapshot.selfPeerId;
    for (const [method, data] of [
      ['giveFloor', { meetingId, peerId: sitePeer }],
      ['muteAudio', { meetingId, peerId: sitePeer, muted: false }],
      ['setAutoSpotlight', { meetingId, enabled: false }],
    ] as const) {
      expect(await ask(delegate.socket, method, data as never)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: { vi: expect.any(String), en: expect.any(String) } } });
    }
  });

  it('gives the floor to a site (spotlight for all, its microphone on) and takes it back', async () => {
    const host = await joined('chutoa');
    const site = await joined('diemcau.phuloc');
    const delegate = await joined('daibieu');
    const sitePeer = site.snapshot.selfPeerId;

    expect((await ask(site.socket, 'raiseHand', { meetingId, raised: true })).ok).toBe(true);
    await host.notes.next('floor', (n) => n.data.queue.some((q) => q.peerId === sitePeer));

    expect((await ask(host.socket, 'giveFloor', { meetingId, peerId: sitePeer })).ok).toBe(true);
    for (const who of [host, site, delegate]) {
      await who.notes.next('floor', (n) => n.data.spotlightPeerId === sitePeer && n.data.queue.length === 0);
      await who.notes.next('peerUpdated', (n) => n.data.peerId === sitePeer && !n.data.audioMuted);
    }
    expect((await ask(host.socket, 'muteAudio', { meetingId, peerId: sitePeer, muted: true })).ok).toBe(true);
    await delegate.notes.next('peerUpdated', (n) => n.data.peerId === sitePeer && n.data.audioMuted);
    expect((await ask(host.socket, 'giveFloor', { meetingId, peerId: null })).ok).toBe(true);
    await delegate.notes.next('floor', (n) => n.data.spotlightPeerId === null);
  });

  it('shows a site taken off or invited while the conference is open in the host’s tree at once', async () => {
    const host = await joined('chutoa');
    const tanLap = host.snapshot.sites.find((s) => s.name === 'Điểm cầu UBND xã Tân Lập');
    if (!tanLap) throw new Error('Tân Lập is not invited');
    expect((await secretary.delete(`/api/meetings/${meetingId}/sites/${tanLap.siteId}`)).status).toBe(204);
    await host.notes.next('sites', (n) => n.data.length === 8 && !n.data.some((s) => s.siteId === tanLap.siteId));
    host.notes.seen.length = 0;
    expect((await secretary.post(`/api/meetings/${meetingId}/participants`, { meetingRole: 'site', siteIds: [tanLap.siteId] })).status).toBe(200);
    const back = await host.notes.next('sites', (n) => n.data.length === 9);
    expect(back.data.find((s) => s.siteId === tanLap.siteId)).toMatchObject({ state: 'invited', unitPath: tanLap.unitPath });
  });

  it('lets the host present a published document page to everyone, as data; nobody else, nothing unpublished', async () => {
    // A two-page paper of this meeting, uploaded in one piece and published.
    const pdf = await vietnamesePdf([['Báo cáo tình hình kinh tế - xã hội'], ['Phương hướng nhiệm vụ năm 2027']], 'Báo cáo');
    const started = await secretary.post(`/api/meetings/${meetingId}/uploads`, { fileName: 'bao-cao.pdf', sizeBytes: pdf.length });
    const put = await fetch(`${t.baseUrl}/api/uploads/${started.body.uploadId}?offset=0`, {
      method: 'PUT',
      headers: { cookie: `${SESSION_COOKIE}=${secretary.cookie}`, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(pdf),
    });
    expect(put.status).toBe(200);
    const doc = (await secretary.post(`/api/uploads/${started.body.uploadId}/complete`, { title: 'Báo cáo KT-XH năm 2026' })).body as { id: string };
    const draftDoc = doc.id;

    const host = await joined('chutoa');
    const site = await joined('diemcau.phuloc');
    // The presented page is meeting state: it travels on the meeting room, to everyone there.
    const siteRoom = await site.socket.emitWithAck('room:join', { meetingId });
    if (!siteRoom.ok) throw new Error('room join failed');
    expect(siteRoom.data.state.presentation).toBeNull();
    const siteDeltas = deltaRecorder(site.socket);
    const presented = (match: (p: { page: number } | null) => boolean) =>
      (async () => {
        for (let n = 1; ; n++) {
          const all = await siteDeltas.waitFor(n, 5000);
          // The first page comes with the presentation; a later page of the same document as a page turn.
          const pageOf = (c: PresentationDelta) => (c.kind === 'set' ? c.presentation : c.kind === 'view' ? { page: c.view.page } : undefined);
          if (all.some((m) => m.delta.slice === 'presentation' && pageOf(m.delta.change) !== undefined && match(pageOf(m.delta.change) ?? null))) return;
        }
      })();
    // Not published yet: refused.
    expect(await ask(host.socket, 'present', { meetingId, documentId: draftDoc, page: 1 })).toMatchObject({ ok: false, error: { code: 'DOCUMENT_NOT_FOUND' } });
    expect((await secretary.post(`/api/documents/${doc.id}/publish`)).status).toBe(200);

    const shown = await ask(host.socket, 'present', { meetingId, documentId: doc.id, page: 2 });
    expect(shown).toMatchObject({ ok: true, data: { documentId: doc.id, title: 'Báo cáo KT-XH năm 2026', page: 2, pageCount: 2, presenter: 'Trần Văn Minh' } });
    await presented((p) => p?.page === 2);
    // Past the end: the last page.
    expect(await ask(host.socket, 'present', { meetingId, documentId: doc.id, page: 9 })).toMatchObject({ ok: true, data: { page: 2 } });
    // Someone joining now starts on the page shown.
    const late = await joined('daibieu');
    const lateRoom = await late.socket.emitWithAck('room:join', { meetingId });
    expect(lateRoom.ok && lateRoom.data.state.presentation).toMatchObject({ documentId: doc.id, page: 2 });

    // Only the host turns pages; a document of another meeting or a malformed page is refused.
    expect(await ask(site.socket, 'present', { meetingId, documentId: doc.id, page: 1 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await ask(host.socket, 'present', { meetingId, documentId: doc.id, page: 0 })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await ask(host.socket, 'present', { meetingId, documentId: '00000000-0000-4000-8000-000000000000', page: 1 })).toMatchObject({ ok: false, error: { code: 'DOCUMENT_NOT_FOUND' } });

    expect(await ask(host.socket, 'present', { meetingId, documentId: null, page: 1 })).toMatchObject({ ok: true, data: null });
    await presented((p) => p === null);
  });

  it('creates WebRTC transports over UDP with a TCP fallback on the configured address', async () => {
    const site = await joined('diemcau.phuloc');
    const send = await ask(site.socket, 'createTransport', { meetingId, direction: 'send' });
    if (!send.ok) throw new Error(send.error.code);
    const protocols = send.data.iceCandidates.map((c) => `${c.protocol}:${c.address}`).sort();
    expect(protocols).toEqual(['tcp:127.0.0.1', 'udp:127.0.0.1']);
    expect(send.data.dtlsParameters.fingerprints.length).toBeGreaterThan(0);
    const bad = await ask(site.socket, 'connectTransport', { meetingId, transportId: 'not-a-transport', dtlsParameters: send.data.dtlsParameters });
    expect(bad).toMatchObject({ ok: false, error: { code: 'CONFERENCE_MEDIA_NOT_FOUND' } });
  });

  it('forwards real RTP from ffmpeg through a PlainTransport to a consumer on another worker (pipeToRouter)', async () => {
    const pool = t.app.get(MediaWorkerPool);
    const [a, b] = [pool.get(0), pool.get(1)];
    if (!a || !b) throw new Error('two workers expected');
    const ingestRouter = await a.worker.createRouter({ mediaCodecs: MEDIA_CODECS });
    const viewRouter = await b.worker.createRouter({ mediaCodecs: MEDIA_CODECS });
    try {
      const ingest = await ingestRouter.createPlainTransport({ listenInfo: { protocol: 'udp', ip: '127.0.0.1' }, rtcpMux: false, comedia: true });
      const ssrc = 22_334_455;
      const producer = await ingest.produce({
        kind: 'video',
        rtpParameters: { codecs: [{ mimeType: 'video/VP8', payloadType: VP8_PAYLOAD_TYPE, clockRate: 90000 }], encodings: [{ ssrc }] },
      });
      await ingestRouter.pipeToRouter({ producerId: producer.id, router: viewRouter });
      const sink = await rtpSink();
      const egress = await viewRouter.createPlainTransport({ listenInfo: { protocol: 'udp', ip: '127.0.0.1' }, rtcpMux: true, comedia: false });
      await egress.connect({ ip: '127.0.0.1', port: sink.port });
      const consumer = await egress.consume({ producerId: producer.id, rtpCapabilities: viewRouter.rtpCapabilities });
      const ffmpeg = ffmpegVp8(ingest.tuple.localPort, ingest.rtcpTuple?.localPort ?? 0, ssrc, 3);
      const [code] = await once(ffmpeg, 'exit');
      await new Promise((r) => setTimeout(r, 300));
      sink.close();
      expect(code).toBe(0);
      // What the producer received (3 s of 15 fps VP8: at least a packet a frame; how many more depends on how
      // well libvpx compresses the test pattern: 60–61 here) all reaches the consumer on the other worker, under
      // the consumer's own SSRC: the sender's never leaks through the SFU.
      const [ingested] = await producer.getStats();
      expect(ingested.packetCount).toBeGreaterThanOrEqual(40);
      const consumedSsrc = consumer.rtpParameters.encodings?.[0].ssrc as number;
      expect(sink.packets.get(consumedSsrc) ?? 0).toBeGreaterThanOrEqual(ingested.packetCount * 0.98);
      expect(sink.packets.has(ssrc)).toBe(false);
    } finally {
      ingestRouter.close();
      viewRouter.close();
    }
  }, 30_000);

  it('records the conference through ffmpeg into a WebM file that only the meeting’s secretaries may download', async () => {
    const host = await joined('chutoa');
    const room = t.app.get(ConferenceService).room(meetingId);
    if (!room) throw new Error('room not open');
    // A hall encoder feeding the conference: ffmpeg's VP8 test pattern as plain RTP.
    const ssrc = 33_445_566;
    const ingest = await room.ingestPlain(
      'video',
      { codecs: [{ mimeType: 'video/VP8', payloadType: VP8_PAYLOAD_TYPE, clockRate: 90000 }], encodings: [{ ssrc }] } as never,
      'camera',
    );
    const sender = ffmpegVp8(ingest.rtpPort, ingest.rtcpPort, ssrc, 12);
    try {
      const started = await ask(host.socket, 'startRecording', { meetingId });
      if (!started.ok) throw new Error(started.error.code);
      await host.notes.next('recording', (n) => n.data.active);
      const delegate = await joined('daibieu');
      expect(delegate.snapshot.recording).toBe(true);
      expect(await ask(delegate.socket, 'stopRecording', { meetingId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      await new Promise((r) => setTimeout(r, 3500));
      // The spotlight moves: the recorder closes its segment and opens another, joined at the end.
      expect((await ask(host.socket, 'giveFloor', { meetingId, peerId: delegate.snapshot.selfPeerId })).ok).toBe(true);
      // ffmpeg creates the second file once it has probed its input (a few seconds on a busy machine).
      const dir = join(t.dataDir, 'recordings', meetingId, started.data.recordingId);
      const segments = () => readdirSync(dir).filter((f) => f.endsWith('.webm'));
      for (const deadline = Date.now() + 20_000; segments().length < 2 && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 200));
      expect(segments()).toHaveLength(2);
      await new Promise((r) => setTimeout(r, 2000));
      expect((await ask(host.socket, 'stopRecording', { meetingId })).ok).toBe(true);
      await delegate.notes.next('recording', (n) => !n.data.active);
    } finally {
      sender.kill('SIGKILL');
    }
    const list = await secretary.get(`/api/meetings/${meetingId}/recordings`);
    expect(list.status).toBe(200);
    const rec = list.body[0];
    expect(rec).toMatchObject({ status: 'ready', meetingId, error: null });
    expect(rec.durationSeconds).toBeGreaterThanOrEqual(7);
    expect(rec.sizeBytes).toBeGreaterThan(10_000);
    const file = await fetch(`${t.baseUrl}/api/meetings/${meetingId}/recordings/${rec.id}/file`, { headers: { cookie: `phonghop_session=${secretary.cookie}` } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain('.webm');
    const bytes = Buffer.from(await file.arrayBuffer());
    const path = join(t.dataDir, 'check.webm');
    writeFileSync(path, bytes);
    // Debian's ffprobe reads it back: the VP8 video and an Opus track (silence here: nobody spoke), several seconds.
    const probe = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', path], { encoding: 'utf8' }));
    expect(probe.streams.map((s: { codec_name: string }) => s.codec_name)).toEqual(['vp8', 'opus']);
    expect(Number(probe.format.duration)).toBeGreaterThan(5);
    // Secretaries only: the chair hosts the conference but does not get the files, outsiders get nothing.
    for (const who of ['chutoa', 'daibieu', 'khachmoi']) {
      const b = await signedIn(t.baseUrl, who);
      expect((await b.get(`/api/meetings/${meetingId}/recordings`)).status).toBe(403);
      const r = await fetch(`${t.baseUrl}/api/meetings/${meetingId}/recordings/${rec.id}/file`, { headers: { cookie: `phonghop_session=${b.cookie}` } });
      expect(r.status).toBe(403);
    }
  }, 60_000);

  it('restarts a crashed worker and tells every peer of the conference to reconnect', async () => {
    const pool = t.app.get(MediaWorkerPool);
    const host = await joined('chutoa');
    const site = await joined('diemcau.phuloc');
    const send = await ask(site.socket, 'createTransport', { meetingId, direction: 'send' });
    expect(send.ok).toBe(true);
    const room = t.app.get(ConferenceService).room(meetingId);
    expect(room).toBeDefined();
    const before = pool.loads().map((l) => l.down);
    expect(before).toEqual([false, false]);
    const health = async () => (await new Browser(t.baseUrl).get('/api/health')).body.info.media;
    expect(await health()).toEqual({ status: 'up', configured: 2, up: 2 });

    // Kill every worker the conference uses, as a crash would.
    for (const index of [0, 1]) pool.crash(index);
    await host.notes.next('reconnect');
    await site.notes.next('reconnect');
    const deadline = Date.now() + 5000;
    while (pool.loads().some((l) => l.down) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(pool.loads().map((l) => l.down)).toEqual([false, false]);
    expect(await health()).toEqual({ status: 'up', configured: 2, up: 2 });
    // The conference works again on the new workers: new transports, same peers, same floor.
    const again = await ask(site.socket, 'createTransport', { meetingId, direction: 'send' });
    expect(again.ok).toBe(true);
    expect(room?.peers.size).toBe(2);
  }, 20_000);
  it('lets a hall display receive the conference, and nothing else: never listed, never sending, one meeting only', async () => {
    const host = await joined('chutoa');
    const { token } = (await secretary.post(`/api/meetings/${meetingId}/displays`, { label: 'Màn hình hội trường' })).body;
    const display = io(t.baseUrl, { path: REALTIME_PATH, transports: ['websocket'], reconnection: false, auth: { displayToken: token } }) as PhClient;
    sockets.push(display);
    await connected(display);
    const seen = notices(display);
    expect(await ask(display, 'capabilities', { meetingId })).toMatchObject({ ok: true });
    const joinedDisplay = await ask(display, 'join', { meetingId, rtpCapabilities: CLIENT_CAPS as never });
    if (!joinedDisplay.ok) throw new Error(joinedDisplay.error.code);
    expect(joinedDisplay.data.peers.map((p) => p.displayName)).toContain('Trần Văn Minh');
    expect(await ask(display, 'createTransport', { meetingId, direction: 'recv' })).toMatchObject({ ok: true });
    for (const [method, data] of [
      ['createTransport', { meetingId, direction: 'send' }],
      ['raiseHand', { meetingId, raised: true }],
      ['giveFloor', { meetingId, peerId: null }],
      ['present', { meetingId, documentId: null, page: 1 }],
    ] as const) {
      expect(await ask(display, method, data as never)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    const other = (await secretary.post('/api/meetings', { title: 'Hội nghị khác', kind: 'online', startsAt: new Date(Date.now() + 3_600_000).toISOString(), endsAt: new Date(Date.now() + 7_200_000).toISOString() })).body.id;
    expect(await ask(display, 'capabilities', { meetingId: other })).toMatchObject({ ok: false, error: { code: 'MEETING_ACCESS_DENIED' } });
    // Not a peer: nobody is told of it, and the hosts' tree and tiles stay as they were.
    const room = t.app.get(ConferenceService).room(meetingId);
    expect([...(room?.peers.values() ?? [])].some((p) => p.identity.kind === 'display')).toBe(false);
    expect(room?.viewers.size).toBe(1);
    expect(host.notes.seen.some((n) => n.method === 'peerJoined' && n.data.kind === 'display')).toBe(false);
    // It follows the floor like everyone.
    expect((await ask(host.socket, 'setAutoSpotlight', { meetingId, enabled: false })).ok).toBe(true);
    await seen.next('floor', (n) => !n.data.autoSpotlight);
    expect((await ask(host.socket, 'setAutoSpotlight', { meetingId, enabled: true })).ok).toBe(true);
    display.disconnect();
    await new Promise<void>((resolve) => {
      const check = () => (room?.viewers.size === 0 ? resolve() : setTimeout(check, 20));
      check();
    });
  });

  it('follows the live meeting: a raised hand joins the one speakers list, the floor given there opens the site at the SFU, also after it reconnects', async () => {
    const host = await joined('chutoa');
    const site = await joined('diemcau.phuloc');
    const delegate = await joined('daibieu');
    const floor = (method: string, data: Record<string, unknown>) =>
      host.socket.emitWithAck('floor:request', { method, data: { meetingId, ...data } } as never) as Promise<{ ok: boolean; data?: unknown }>;
    const roomFloor = async () => {
      const snap = await host.socket.emitWithAck('room:join', { meetingId });
      if (!snap.ok) throw new Error('room join failed');
      return snap.data.state.floor;
    };
    expect((await floor('start', {})).ok).toBe(true);

    expect((await ask(site.socket, 'raiseHand', { meetingId, raised: true })).ok).toBe(true);
    const queued = (await roomFloor()).queue;
    expect(queued).toEqual([expect.objectContaining({ userId: ids['diemcau.phuloc'], name: 'Điểm cầu UBND huyện Phú Lộc', siteId: expect.any(String) })]);
    await host.notes.next('floor', (n) => n.data.queue.some((q) => q.peerId === site.snapshot.selfPeerId));

    // The chair gives the floor on the live meeting's list; the SFU follows: spotlight and microphone for the site.
    expect((await floor('giveFloor', { requestId: queued[0].id })).ok).toBe(true);
    for (const who of [host, delegate]) {
      await who.notes.next('floor', (n) => n.data.spotlightPeerId === site.snapshot.selfPeerId && n.data.given && n.data.queue.length === 0);
      await who.notes.next('peerUpdated', (n) => n.data.peerId === site.snapshot.selfPeerId && !n.data.audioMuted);
    }
    const rooms = t.app.get(ConferenceService);
    expect(rooms.room(meetingId)?.peers.get(site.snapshot.selfPeerId)?.audioMuted).toBe(false);

    // The site's connection drops and comes back: the floor belongs to the participant, so it has it again.
    site.socket.disconnect();
    await host.notes.next('peerLeft', (n) => n.data.peerId === site.snapshot.selfPeerId);
    const back = await joined('diemcau.phuloc');
    await host.notes.next('floor', (n) => n.data.spotlightPeerId === back.snapshot.selfPeerId && n.data.given);
    expect(rooms.room(meetingId)?.peers.get(back.snapshot.selfPeerId)?.audioMuted).toBe(false);

    // The host console's own "give floor" goes through the live meeting too, so the hall's screens show it.
    expect((await ask(host.socket, 'giveFloor', { meetingId, peerId: delegate.snapshot.selfPeerId })).ok).toBe(true);
    expect((await roomFloor()).speaker).toMatchObject({ userId: ids['daibieu'], name: 'Lê Hoàng Nam' });
    await back.notes.next('peerUpdated', (n) => n.data.peerId === back.snapshot.selfPeerId && n.data.audioMuted);
    // Taking the floor back on the list returns the conference to the hall.
    expect((await floor('endSpeech', {})).ok).toBe(true);
    await delegate.notes.next('floor', (n) => n.data.spotlightPeerId === null && !n.data.given);
  });

});

describe(`online conference behind a firewall: one WebRtcServer port per worker (${ENGINE})`, () => {
  let t: TestApp;
  const sockets: PhClient[] = [];
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t?.destroy();
  });

  it('announces every transport on the configured port of its worker, UDP and TCP, at the announced address', async () => {
    const port = 42000 + Math.floor(Math.random() * 500) * 2;
    t = await startTestApp({ CONFERENCE_WORKERS: '2', CONFERENCE_WEBRTC_SERVER_PORT: String(port), CONFERENCE_ANNOUNCED_ADDRESS: '192.0.2.10' });
    const chair = await signedIn(t.baseUrl, 'chutoa');
    const meetingId = (await chair.get('/api/meetings/mine')).body[0].id as string;
    const s = connectSocket(t.baseUrl, chair.cookie);
    sockets.push(s);
    await connected(s);
    const ask = (method: string, data: object) => s.emitWithAck('conference:request', { method, data: { meetingId, ...data } } as never) as Promise<{ ok: boolean; data: never; error?: { code: string } }>;
    expect((await ask('capabilities', {})).ok).toBe(true);
    expect((await ask('join', { rtpCapabilities: { codecs: [], headerExtensions: [] } })).ok).toBe(true);
    const send = await ask('createTransport', { direction: 'send' });
    expect(send.ok).toBe(true);
    const candidates = (send.data as { iceCandidates: { protocol: string; address: string; port: number }[] }).iceCandidates;
    expect(candidates.map((c) => c.protocol).sort()).toEqual(['tcp', 'udp']);
    for (const c of candidates) {
      expect(c.address).toBe('192.0.2.10');
      expect([port, port + 1]).toContain(c.port);
    }
  });

});
