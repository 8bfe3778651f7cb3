import { type FloorMethod, type FloorRequests, type LiveMotion, type RoomSnapshot, type VoteMethod, type VoteRequests, yesNoMotion } from '@phonghop/contracts';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { buildDataSourceOptions, MIGRATIONS, openDataSource } from '@phonghop/server-database';
import { ClusterBus } from '@phonghop/server-realtime';
import { vietnamesePdf } from './fixtures/pdfs';
import { uploadPdf } from './support/documents';
import { connectSocket, connected, type PhClient, roomView } from './support/socket';
import { type Browser, createPostgresDatabase, ENGINE, signedIn, startTestApp, type TestApp } from './support/test-app';

type Reply<T = unknown> = { ok: true; data: T } | { ok: false; error: { code: string } };

const REDIS_SCRIPT = join(__dirname, '../../../scripts/redis-for-tests.sh');

/**
 * Two API processes' worth of the app (two Nest applications, each with its own socket.io server, Redis
 * connections and process id) on one PostgreSQL database and one Redis: a meeting's room runs on one of them and
 * sockets on the other reach it through forwarding; the owner going away hands the meeting to the other.
 * The SIGKILL of a real process is in test/e2e/cluster.e2e-spec.ts.
 */
const describeOnPostgres = ENGINE === 'postgres' ? describe : describe.skip;

describeOnPostgres('several API processes: one room per meeting, reached from either process (postgres + redis)', () => {
  let redis: { dir: string; url: string };
  let a: TestApp;
  let b: TestApp;
  let c: TestApp | undefined;
  let db: Client;
  let meetingId: string;
  const sockets: PhClient[] = [];

  const processOf = async (t: TestApp) => {
    const health = (await (await fetch(`${t.baseUrl}/api/health`)).json()) as { info: { redis: { status: string; process: string } } };
    return health.info.redis.process;
  };
  /** Waits until the process may judge another gone (subscribed to Redis for a few seconds: see ClusterBus.settled). */
  const settled = async (t: TestApp) => {
    const isSettled = async () => ((await (await fetch(`${t.baseUrl}/api/health`)).json()) as { info: { redis: { settled: boolean } } }).info.redis.settled;
    for (const started = Date.now(); !(await isSettled()); ) {
      if (Date.now() - started > 15_000) throw new Error('the process never settled on Redis');
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const heldBy = async (t: TestApp) => ((await (await fetch(`${t.baseUrl}/api/health`)).json()) as { info: { redis: { meetings: number } } }).info.redis.meetings;
  const leaseOwner = async () => ((await db.query('SELECT owner_id FROM meeting_lease WHERE meeting_id = $1', [meetingId])).rows[0] as { owner_id?: string } | undefined)?.owner_id;
  const socketOn = async (t: TestApp, who: Browser) => {
    const s = connectSocket(t.baseUrl, who.cookie);
    sockets.push(s);
    await connected(s);
    return s;
  };
  /** The everyone channel, as the web client keeps it (a gap in versions fails the test). */
  const join = async (s: PhClient) => {
    const view = roomView(s);
    const res = (await s.emitWithAck('room:join', { meetingId })) as Reply<RoomSnapshot>;
    if (!res.ok) throw new Error(`join refused: ${res.error.code}`);
    view.start(res.data);
    return view;
  };
  const floor = <M extends FloorMethod>(s: PhClient, method: M, data: Omit<FloorRequests[M]['req'], 'meetingId'>) =>
    s.emitWithAck('floor:request', { method, data: { meetingId, ...data } } as never) as Promise<Reply>;
  const vote = <M extends VoteMethod>(s: PhClient, method: M, data: Omit<VoteRequests[M]['req'], 'meetingId'>) =>
    s.emitWithAck('vote:request', { method, data: { meetingId, ...data } } as never) as Promise<Reply<VoteRequests[M]['res']>>;
  let key = 0;
  const newKey = () => `cluster-${Date.now()}-${++key}`;
  const motionIn = (s: RoomSnapshot, id: string): LiveMotion | undefined => s.state.votes.motions[id];

  beforeAll(async () => {
    const out = execFileSync('bash', [REDIS_SCRIPT, 'start'], { encoding: 'utf8' });
    const [dir, url] = [/REDIS_TEST_DIR=(\S+)/.exec(out)?.[1], /TEST_REDIS_URL=(\S+)/.exec(out)?.[1]];
    if (!dir || !url) throw new Error(`redis-for-tests.sh said: ${out}`);
    redis = { dir, url };
    a = await startTestApp({ REDIS_URL: redis.url });
    // The second process: same database, same data folder, same Redis (started after the first has seeded).
    b = await startTestApp({ REDIS_URL: redis.url }, { dataDir: a.dataDir, databaseUrl: a.databaseUrl });
    db = new Client({ connectionString: a.databaseUrl });
    await db.connect();
    meetingId = (await (await signedIn(a.baseUrl, 'chutoa')).get('/api/meetings/mine')).body[0].id;
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(async () => {
    await db?.end();
    await b?.stop().catch(() => undefined);
    await c?.stop().catch(() => undefined);
    await a?.destroy();
    if (redis) execFileSync('bash', [REDIS_SCRIPT, 'stop', redis.dir]);
  });

  it('serves one meeting from both processes: same versions, floor, roster and vote, changes forwarded to the owner', async () => {
    const [pa, pb] = [await processOf(a), await processOf(b)];
    expect(pa).not.toBe(pb);
    // The delegate joins through B first: B takes the meeting.
    const delegate = await signedIn(b.baseUrl, 'daibieu');
    const onB = await socketOn(b, delegate);
    const delegateView = await join(onB);
    expect(await leaseOwner()).toBe(pb);

    // The chair on A reaches B's room: the snapshot shows the delegate present, and A's view follows B's versions.
    const chairUser = await signedIn(a.baseUrl, 'chutoa');
    const onA = await socketOn(a, chairUser);
    const chairView = await join(onA);
    expect(await onA.emitWithAck('room:join', { meetingId, audience: 'hosts' })).toMatchObject({ ok: true });
    await chairView.until((s) => s.state.presence.length === 2);
    await delegateView.until((s) => s.state.presence.length === 2);

    const secretary = await signedIn(a.baseUrl, 'thuky');
    expect((await secretary.post(`/api/meetings/${meetingId}/agenda`, { title: 'Kế hoạch đầu tư công năm 2027', plannedMinutes: 30 })).status).toBe(201);
    expect(await floor(onA, 'start', {})).toMatchObject({ ok: true });
    const agenda = (await chairUser.get(`/api/meetings/${meetingId}/agenda`)).body as { id: string }[];
    expect(await floor(onA, 'openItem', { itemId: agenda[0].id })).toMatchObject({ ok: true });
    expect(await floor(onB, 'requestFloor', { kind: 'speech', topic: 'Về kế hoạch đầu tư công' })).toMatchObject({ ok: true });
    await chairView.until((s) => s.state.floor.queue.length === 1 && s.state.floor.currentItemId === agenda[0].id);
    await delegateView.until((s) => s.state.floor.queue.length === 1 && s.state.floor.currentItemId === agenda[0].id);
    // Every delta reached both processes' sockets with the owner's version (roomView fails on any gap).
    expect(chairView.current.version).toBe(delegateView.current.version);

    // The owner renews its lease while the room is open (and keeps it).
    const expiry = async () => ((await db.query('SELECT expires_at FROM meeting_lease WHERE meeting_id = $1', [meetingId])).rows[0] as { expires_at: Date }).expires_at.getTime();
    const first = await expiry();
    for (const started = Date.now(); (await expiry()) <= first; ) {
      if (Date.now() - started > 10_000) throw new Error('the lease was never renewed');
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await leaseOwner()).toBe(pb);
    expect(await heldBy(b)).toBe(1); // and still counts it as its own

    // A REST write on the process that does not run the room (a motion's publication happens on open; the roster
    // changes here) is handed to the owner and reaches both.
    const guestId = (await (await signedIn(a.baseUrl, 'khachmoi')).get('/api/auth/me')).body.user.id as string;
    expect((await secretary.post(`/api/meetings/${meetingId}/participants`, { meetingRole: 'guest', userIds: [guestId] })).status).toBeLessThan(300);
    await delegateView.until((s) => s.state.roster.some((r) => r.userId === guestId));
    await chairView.until((s) => s.state.roster.some((r) => r.userId === guestId));

    // A vote opened from A, cast on both, closed from A: counted once each.
    for (const id of [chairUser, delegate]) {
      const me = (await id.get('/api/auth/me')).body.user.id as string;
      expect(await floor(onA, 'markAttendance', { userId: me, status: 'present' })).toMatchObject({ ok: true });
    }
    const motion = await secretary.post(`/api/meetings/${meetingId}/motions`, { spec: yesNoMotion('Thông qua kế hoạch đầu tư công năm 2027') });
    expect(motion.status).toBe(201);
    const motionId = motion.body.id as string;
    expect(await vote(onA, 'open', { motionId })).toMatchObject({ ok: true });
    await delegateView.until((s) => motionIn(s, motionId)?.status === 'open');
    const delegateId = (await delegate.get('/api/auth/me')).body.user.id as string;
    const chairId = (await chairUser.get('/api/auth/me')).body.user.id as string;
    expect(await vote(onB, 'cast', { motionId, forUserId: delegateId, choices: ['yes'], submissionKey: newKey() })).toMatchObject({ ok: true });
    const chairKey = newKey();
    expect(await vote(onA, 'cast', { motionId, forUserId: chairId, choices: ['yes'], submissionKey: chairKey })).toMatchObject({ ok: true });
    // The same submission again through the other process: one ballot.
    const onB2 = await socketOn(b, chairUser);
    expect(await vote(onB2, 'cast', { motionId, forUserId: chairId, choices: ['yes'], submissionKey: chairKey })).toMatchObject({ ok: true, data: { repeated: true } });
    expect(await vote(onA, 'close', { motionId })).toMatchObject({ ok: true });
    const closed = await delegateView.until((s) => motionIn(s, motionId)?.status === 'closed');
    expect(motionIn(closed, motionId)?.outcome?.decided).toMatchObject({ cast: { ballots: 2 } });
    await chairView.until((s) => motionIn(s, motionId)?.status === 'closed');
    expect(chairView.current.version).toBe(delegateView.current.version);

    // The chair presents from A (the presentation runs at B, the owner); the hall display fetches the presented file
    // from A, which asks B what is presented.
    const doc = await uploadPdf(a.baseUrl, secretary, meetingId, await vietnamesePdf([['Trang 1'], ['Trang 2']], 'Tờ trình'), { title: 'Tờ trình' });
    expect((await secretary.post(`/api/documents/${doc.id}/publish`)).status).toBe(200);
    expect(await onA.emitWithAck('presentation:request', { method: 'start', data: { meetingId, documentId: doc.id, page: 2 } } as never)).toMatchObject({ ok: true });
    await delegateView.until((s) => s.state.presentation?.page === 2);
    const token = (await secretary.post(`/api/meetings/${meetingId}/displays`, { label: 'Màn hình hội trường' })).body.token as string;
    const file = await fetch(`${a.baseUrl}/api/display/presentation/file`, { headers: { 'x-display-token': token } });
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('does not judge a process gone right after Redis (re)connects: the others may not have subscribed again yet', async () => {
    const bus = new ClusterBus(redis.url);
    await bus.start();
    try {
      expect(await bus.isAlive('no-such-process')).toBe(false);
      expect(bus.settled).toBe(false);
      expect(await bus.isGone('no-such-process')).toBe(false);
    } finally {
      await bus.stop();
    }
  });

  it('keeps sign-in delays across processes: wrong passwords spread over both count once', async () => {
    const attempt = (t: TestApp) =>
      fetch(`${t.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'ke.do.mat.khau', password: 'sai-mat-khau-1' }) });
    // Five free failures (LOGIN_FREE_FAILURES), alternating between the processes.
    for (const t of [a, b, a, b]) expect((await attempt(t)).status).toBe(401);
    const fifth = await attempt(a);
    expect(fifth.status).toBe(429); // the fifth failure starts the delay
    // The other process knows it (outcomes travel over Redis before the answer above): its next attempt waits too.
    // Alone, B would have counted only its two and let three more through.
    const atB = await attempt(b);
    expect(atB.status).toBe(429);
    expect(Number(atB.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('takes a meeting over from a process that is gone, counting the sockets it already holds', async () => {
    for (const t of [a, b]) await settled(t);
    // A process that died holding the lease: its row says it owns the meeting for a while yet, but nobody listens on
    // its channel any more.
    await db.query(
      `INSERT INTO meeting_lease (meeting_id, owner_id, expires_at) VALUES ($1, 'dead-process', now() + interval '1 minute')
       ON CONFLICT (meeting_id) DO UPDATE SET owner_id = 'dead-process', expires_at = now() + interval '1 minute'`,
      [meetingId],
    );
    // B held it since the first test: its next renewal finds the lease gone and drops the room.
    for (const started = Date.now(); (await heldBy(b)) > 0; ) {
      if (Date.now() - started > 10_000) throw new Error('B never noticed it lost the lease');
      await new Promise((r) => setTimeout(r, 100));
    }
    const delegate = await signedIn(b.baseUrl, 'daibieu');
    const onB = await socketOn(b, delegate);
    const delegateView = await join(onB);
    expect(await leaseOwner()).toBe(await processOf(b));
    expect(delegateView.current.state.floor.phase).toBe('in_session'); // the room came back from the database

    // The chair on A joins (forwarded to B, the new owner); both see each other.
    const chairUser = await signedIn(a.baseUrl, 'chutoa');
    const onA = await socketOn(a, chairUser);
    // Not kept as a view: after the takeover below its versions jump, and the client resyncs (as the web client does).
    expect(await onA.emitWithAck('room:join', { meetingId })).toMatchObject({ ok: true });
    await delegateView.until((s) => s.state.presence.length === 2);

    // B shuts down cleanly and gives its leases back. The chair's next request makes A the owner, which counts its own
    // socket in presence at once; the floor goes on from the database.
    const pa = await processOf(a);
    // The conference's media died with B: whoever was in it is told to rebuild (as after a media worker restart),
    // once, even when several requests find B gone at the same moment.
    const rebuilds: unknown[] = [];
    onA.on('conference:notification', (n) => n.method === 'reconnect' && rebuilds.push(n.data));
    await b.stop();
    const [closed, resynced] = await Promise.all([floor(onA, 'closeItem', {}), onA.emitWithAck('room:resync', { meetingId, fromVersion: 0 })]);
    expect(closed).toMatchObject({ ok: true });
    expect(resynced).toMatchObject({ ok: true });
    expect(rebuilds).toEqual([{ reason: 'worker-restarted' }]);
    expect(await leaseOwner()).toBe(pa);
    const again = (await onA.emitWithAck('room:resync', { meetingId, fromVersion: 0 })) as Reply<{ mode: string; snapshot?: RoomSnapshot }>;
    expect(again).toMatchObject({ ok: true, data: { mode: 'snapshot' } });
    const snapshot = again.ok ? again.data.snapshot : undefined;
    expect(snapshot?.state.presence.map((p) => p.userId)).toEqual([(await chairUser.get('/api/auth/me')).body.user.id]);
    expect(snapshot?.state.floor.currentItemId).toBeNull();
    // The presentation started in the first test goes on at A from the database (its page; the live ink is gone).
    expect(snapshot?.state.presentation).toMatchObject({ page: 2, ink: [] });
  });

  it('forgets the sockets of a process that dies without the meeting: nobody stays shown as connected', async () => {
    // A third process joins (the same database and Redis); A owns the meeting since the last test.
    c = await startTestApp({ REDIS_URL: redis.url }, { dataDir: a.dataDir, databaseUrl: a.databaseUrl });
    const chairView = await join(await socketOn(a, await signedIn(a.baseUrl, 'chutoa')));
    const delegate = await signedIn(c.baseUrl, 'daibieu');
    await join(await socketOn(c, delegate));
    await chairView.until((s) => s.state.presence.length === 2);
    expect(await leaseOwner()).toBe(await processOf(a));
    await settled(a);
    // C goes away without telling A that its socket left (as with SIGKILL): A notices C is gone and drops its visitor.
    await c.stop();
    c = undefined;
    await chairView.until((s) => s.state.presence.length === 1, 10_000);
    expect(chairView.current.state.presence.map((p) => p.userId)).toEqual([(await (await signedIn(a.baseUrl, 'chutoa')).get('/api/auth/me')).body.user.id]);
  });
});

describeOnPostgres('API processes starting together on an empty PostgreSQL database (postgres)', () => {
  it('migrate one after the other: both open, each migration ran once', async () => {
    const adminUrl = process.env['TEST_DATABASE_URL'] ?? '';
    const databaseUrl = await createPostgresDatabase(adminUrl);
    // As systemd starts every unit at boot: both open the same empty database at the same moment.
    const options = buildDataSourceOptions({ databaseUrl, dataDir: tmpdir(), entities: [] });
    const opened = await Promise.allSettled([openDataSource(options), openDataSource(options)]);
    try {
      expect(opened.map((r) => (r.status === 'rejected' ? String(r.reason) : 'open'))).toEqual(['open', 'open']);
      const db = new Client({ connectionString: databaseUrl });
      await db.connect();
      const { rows } = await db.query('SELECT name, count(*)::int AS n FROM migrations GROUP BY name');
      await db.end();
      expect(rows).toHaveLength(MIGRATIONS.length);
      expect(rows.filter((r: { n: number }) => r.n !== 1)).toEqual([]);
    } finally {
      for (const r of opened) if (r.status === 'fulfilled') await r.value.destroy();
      const admin = new Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${new URL(databaseUrl).pathname.slice(1)} WITH (FORCE)`);
      await admin.end();
    }
  });

  it('come up together with the first administrator made once', async () => {
    const adminUrl = process.env['TEST_DATABASE_URL'] ?? '';
    const databaseUrl = await createPostgresDatabase(adminUrl);
    const env = { SEED_DEMO_DATA: 'false', FIRST_ADMIN_USERNAME: 'admin.tinh', FIRST_ADMIN_PASSWORD: 'BatDau2026x' };
    const started = await Promise.allSettled([tmpdir(), tmpdir()].map(() => startTestApp(env, { dataDir: mkdtempSync(join(tmpdir(), 'phonghop-boot-')), databaseUrl })));
    try {
      expect(started.map((r) => (r.status === 'rejected' ? String(r.reason) : 'up'))).toEqual(['up', 'up']);
      const db = new Client({ connectionString: databaseUrl });
      await db.connect();
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM app_user WHERE username = 'admin.tinh'`);
      await db.end();
      expect(rows[0].n).toBe(1);
    } finally {
      for (const r of started) if (r.status === 'fulfilled') await r.value.stop();
      for (const r of started) if (r.status === 'fulfilled') rmSync(r.value.dataDir, { recursive: true, force: true });
      const admin = new Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${new URL(databaseUrl).pathname.slice(1)} WITH (FORCE)`);
      await admin.end();
    }
  });
});
