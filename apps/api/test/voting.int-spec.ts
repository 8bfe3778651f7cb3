import {
  type CreateMotionRequest,
  type FloorMethod,
  type FloorRequests,
  type LiveMotion,
  type MotionSpec,
  type RoomDeltaMessage,
  type RoomSnapshot,
  type VoteMethod,
  type VoteRequests,
  type VoteResultDto,
  yesNoMotion,
} from '@phonghop/contracts';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runVerifyVotes } from '../src/verify-votes-command';
import { connectSocket, connected, type PhClient } from './support/socket';
import { type Browser, ENGINE, signedIn, startTestApp, type TestApp } from './support/test-app';

type Reply<T = unknown> = { ok: true; data: T } | { ok: false; error: { code: string } };

const NEW_DELEGATES = ['dai.bieu.a', 'dai.bieu.b', 'dai.bieu.c'];
const PASSWORD = 'BieuQuyet2026';

describe(`voting: motions, named and secret ballots, results and the chain (${ENGINE})`, () => {
  let t: TestApp;
  let meetingId: string;
  const as: Record<string, Browser> = {};
  const ids: Record<string, string> = {};
  const sockets: PhClient[] = [];
  /** Everything the API and the sockets said during the secret vote, for the secrecy check. */
  let traffic: string[] = [];

  const login = async () => {
    for (const u of ['quantri', 'chutoa', 'thuky', 'daibieu', 'diemcau.phuloc', 'khachmoi']) as[u] = await signedIn(t.baseUrl, u);
    for (const u of NEW_DELEGATES) {
      as[u] = new (as['quantri'].constructor as new (b: string) => Browser)(t.baseUrl);
      await as[u].login(u, PASSWORD);
    }
    for (const u of Object.keys(as)) ids[u] = (await as[u].get('/api/auth/me')).body.user.id;
  };
  const socketOf = async (who: string) => {
    const s = connectSocket(t.baseUrl, as[who].cookie);
    sockets.push(s);
    await connected(s);
    s.onAny((event: string, msg: unknown) => traffic.push(`${event} ${JSON.stringify(msg)}`));
    return s;
  };
  const joined = async (who: string) => {
    const s = await socketOf(who);
    const res = await s.emitWithAck('room:join', { meetingId });
    if (!res.ok) throw new Error(`${who} could not join`);
    traffic.push(JSON.stringify(res));
    return { s, snapshot: res.data as RoomSnapshot };
  };
  const floor = <M extends FloorMethod>(s: PhClient, method: M, data: Omit<FloorRequests[M]['req'], 'meetingId'>) =>
    s.emitWithAck('floor:request', { method, data: { meetingId, ...data } } as never) as Promise<Reply>;
  const vote = async <M extends VoteMethod>(s: PhClient, method: M, data: Omit<VoteRequests[M]['req'], 'meetingId'>, id = meetingId) => {
    const reply = (await s.emitWithAck('vote:request', { method, data: { meetingId: id, ...data } } as never)) as Reply<VoteRequests[M]['res']>;
    traffic.push(JSON.stringify(reply));
    return reply;
  };
  const get = async (who: string, path: string) => {
    const res = await as[who].get(path);
    traffic.push(JSON.stringify(res.body));
    return res;
  };
  /** Resolves with the motion once a delta makes `test` true of it. */
  const motionWhen = (s: PhClient, motionId: string, test: (m: LiveMotion) => boolean, timeoutMs = 10_000) =>
    new Promise<LiveMotion>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`motion ${motionId} never reached the expected state`)), timeoutMs);
      const on = (msg: RoomDeltaMessage) => {
        if (msg.delta.slice !== 'votes' || msg.delta.change.kind !== 'upsert') return;
        const m = msg.delta.change.motion;
        if (m.id === motionId && test(m)) {
          clearTimeout(timer);
          s.off('room:delta', on);
          resolve(m);
        }
      };
      s.on('room:delta', on);
    });
  const createMotion = async (spec: MotionSpec, extra: Partial<CreateMotionRequest> = {}) => {
    const res = await as['thuky'].post(`/api/meetings/${meetingId}/motions`, { spec, ...extra });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  let key = 0;
  const newKey = () => `key-${Date.now()}-${++key}`;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await signedIn(t.baseUrl, 'quantri');
    for (const [i, username] of NEW_DELEGATES.entries()) {
      const res = await admin.post('/api/users', { username, fullName: `Đại Biểu ${'ABC'[i]}`, password: PASSWORD, roles: ['delegate'] });
      expect(res.status).toBe(201);
    }
    await login();
    meetingId = (await as['chutoa'].get('/api/meetings/mine')).body[0].id;
    expect((await as['thuky'].post(`/api/meetings/${meetingId}/participants`, { meetingRole: 'delegate', userIds: NEW_DELEGATES.map((u) => ids[u]) })).status).toBe(200);
    // Đại biểu C sends the guest in their place (ủy quyền): she will cast C's ballot apart from anything of her own.
    expect((await as['dai.bieu.c'].post(`/api/meetings/${meetingId}/rsvp`, { response: 'delegate', delegateUserId: ids['khachmoi'] })).status).toBe(200);
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(() => t.destroy());

  it('keeps motions and votes to the right people on every route and event', async () => {
    const draftId = await createMotion(yesNoMotion('Thông qua dự thảo Nghị quyết'));
    // Drafts are the hosts' until they open; an outsider sees nothing.
    expect((await as['daibieu'].get(`/api/meetings/${meetingId}/motions`)).body).toEqual([]);
    expect((await as['thuky'].get(`/api/meetings/${meetingId}/motions`)).body.map((m: { id: string }) => m.id)).toContain(draftId);
    for (const who of ['daibieu', 'diemcau.phuloc', 'khachmoi']) {
      expect((await as[who].post(`/api/meetings/${meetingId}/motions`, { spec: yesNoMotion('x') })).status).toBe(403);
      expect((await as[who].patch(`/api/meetings/${meetingId}/motions/${draftId}`, { countdownSeconds: 60 })).status).toBe(403);
      expect((await as[who].delete(`/api/meetings/${meetingId}/motions/${draftId}`)).status).toBe(403);
      expect((await as[who].request('PUT', `/api/meetings/${meetingId}/vote-settings`, { weights: {} })).status).toBe(403);
      expect((await as[who].get(`/api/meetings/${meetingId}/vote-chain`)).status).toBe(403);
      const s = await socketOf(who);
      expect(await vote(s, 'open', { motionId: draftId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await vote(s, 'close', { motionId: draftId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    // quantri is a system administrator, not in this meeting: may verify its chain, may not vote or read it.
    expect((await as['quantri'].get(`/api/meetings/${meetingId}/vote-chain`)).body).toMatchObject({ ok: true, links: [] });
    const outsider = await socketOf('quantri');
    expect(await vote(outsider, 'cast', { motionId: draftId, forUserId: ids['quantri'], choices: ['yes'], submissionKey: newKey() })).toMatchObject({ ok: false, error: { code: 'MEETING_ACCESS_DENIED' } });
    expect((await as['quantri'].get(`/api/meetings/${meetingId}/motions`)).status).toBe(403);
    // Bad input gets a stable code; nothing is cast before the vote opens.
    const delegate = await socketOf('daibieu');
    expect(await vote(delegate, 'cast', { motionId: draftId, forUserId: ids['daibieu'], choices: ['yes'], submissionKey: 'short' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await vote(delegate, 'cast', { motionId: draftId, forUserId: ids['daibieu'], choices: ['yes'], submissionKey: newKey() })).toMatchObject({ ok: false, error: { code: 'VOTE_NOT_OPEN' } });
    expect((await as['thuky'].post(`/api/meetings/${meetingId}/motions`, { spec: { ...yesNoMotion('x'), options: [] } })).body.code).toBe('VOTE_SPEC_INVALID');
    expect((await as['thuky'].post(`/api/meetings/${meetingId}/motions`, { spec: { ...yesNoMotion('x'), secret: true } })).body.code).toBe('VOTE_SPEC_INVALID');
    expect((await as['thuky'].post(`/api/meetings/${meetingId}/motions`, { spec: yesNoMotion('x'), countdownSeconds: 3 })).body.code).toBe('VOTE_SPEC_INVALID');
    // The session has not started: no vote yet; then no quorum with nobody checked in.
    const chair = await socketOf('chutoa');
    expect(await vote(chair, 'open', { motionId: draftId })).toMatchObject({ ok: false, error: { code: 'FLOOR_NOT_IN_SESSION' } });
    expect(await floor(chair, 'start', {})).toMatchObject({ ok: true });
    expect(await vote(chair, 'open', { motionId: draftId })).toMatchObject({ ok: false, error: { code: 'VOTE_NO_QUORUM' } });
    expect((await as['thuky'].delete(`/api/meetings/${meetingId}/motions/${draftId}`)).status).toBe(204);
  });

  it('runs a named vote: the hall, a proxy and a site vote, changes of mind, duplicates and replays, the result for everyone', async () => {
    const chair = await socketOf('chutoa');
    // Present: the chair, two delegates in the hall, the guest as C's proxy; B at the Phú Lộc site (its roll call).
    for (const who of ['chutoa', 'daibieu', 'dai.bieu.a', 'khachmoi']) expect(await floor(chair, 'markAttendance', { userId: ids[who], status: 'present' })).toMatchObject({ ok: true });
    expect(await floor(await socketOf('diemcau.phuloc'), 'confirmRollCall', { userIds: [ids['dai.bieu.b']] })).toMatchObject({ ok: true });
    const motionId = await createMotion(yesNoMotion('Thông qua Tờ trình dự toán ngân sách năm 2027'));
    const { s: watcher } = await joined('daibieu');
    const opened = motionWhen(watcher, motionId, (m) => m.status === 'open');
    expect(await vote(chair, 'open', { motionId })).toMatchObject({ ok: true, data: { motion: { status: 'open' } } });
    expect((await opened).progress).toEqual({ eligible: 5, voted: 0, hall: { eligible: 4, voted: 0 }, sites: { eligible: 1, voted: 0 } });
    expect(await vote(chair, 'open', { motionId: await createMotion(yesNoMotion('Khác')) })).toMatchObject({ ok: false, error: { code: 'VOTE_ANOTHER_OPEN' } });

    // Who carries which ballot: one's own; the proxy C's (not her own: a guest is no member); the site operator B's.
    const rights = async (who: string) => {
      const r = await vote(await socketOf(who), 'myBallots', { motionId });
      if (!r.ok) throw new Error(r.error.code);
      return r.data.rights.map((x) => ({ forUserId: x.forUserId, route: x.route, voted: x.voted }));
    };
    expect(await rights('daibieu')).toEqual([{ forUserId: ids['daibieu'], route: 'self', voted: false }]);
    expect(await rights('khachmoi')).toEqual([{ forUserId: ids['dai.bieu.c'], route: 'proxy', voted: false }]);
    expect(await rights('diemcau.phuloc')).toEqual([{ forUserId: ids['dai.bieu.b'], route: 'site', voted: false }]);
    expect(await rights('dai.bieu.c')).toEqual([]); // C is not checked in: their proxy votes for them

    const cast = async (who: string, forUser: string, choices: string[], submissionKey = newKey()) =>
      vote(await socketOf(who), 'cast', { motionId, forUserId: ids[forUser], choices, submissionKey });
    const progressed = new Promise<void>((resolve) =>
      watcher.on('room:delta', (msg) => {
        if (msg.delta.slice === 'votes' && msg.delta.change.kind === 'progress' && msg.delta.change.progress.voted >= 1) resolve();
      }),
    );
    const first = newKey();
    const [a1, a2, a3] = await Promise.all([cast('daibieu', 'daibieu', ['no'], first), cast('daibieu', 'daibieu', ['no'], first), cast('daibieu', 'daibieu', ['no'], first)]);
    // The same submission three times (a tablet resending after a lost answer): one ballot, one receipt.
    expect([a1, a2, a3].every((r) => r.ok)).toBe(true);
    const receipts = new Set([a1, a2, a3].map((r) => (r.ok ? r.data.receipt : '')));
    expect(receipts.size).toBe(1);
    expect([a1, a2, a3].filter((r) => r.ok && !r.data.repeated)).toHaveLength(1);
    await progressed;
    // A change of mind, then the old submission replayed: refused, the ballot keeps the latest choice.
    expect(await cast('daibieu', 'daibieu', ['yes'])).toMatchObject({ ok: true, data: { repeated: false } });
    expect(await cast('daibieu', 'daibieu', ['no'], first)).toMatchObject({ ok: false, error: { code: 'VOTE_SUPERSEDED' } });
    // Nobody votes for someone else (except a proxy or the site), nor with options that do not exist.
    expect(await cast('daibieu', 'dai.bieu.a', ['yes'])).toMatchObject({ ok: false, error: { code: 'VOTE_NOT_ELIGIBLE' } });
    expect(await cast('dai.bieu.c', 'dai.bieu.c', ['yes'])).toMatchObject({ ok: false, error: { code: 'VOTE_NOT_ELIGIBLE' } });
    expect(await cast('dai.bieu.a', 'dai.bieu.a', ['yes', 'no'])).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await cast('dai.bieu.a', 'dai.bieu.a', ['maybe'])).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await cast('dai.bieu.a', 'dai.bieu.a', ['yes'])).toMatchObject({ ok: true });
    expect(await cast('khachmoi', 'dai.bieu.c', ['yes'])).toMatchObject({ ok: true });
    expect(await cast('diemcau.phuloc', 'dai.bieu.b', ['abstain'])).toMatchObject({ ok: true });
    // B, at the site with a tablet, votes themselves: their own ballot wins and the operator can no longer change it.
    expect(await cast('dai.bieu.b', 'dai.bieu.b', ['no'])).toMatchObject({ ok: true });
    expect(await cast('diemcau.phuloc', 'dai.bieu.b', ['yes'])).toMatchObject({ ok: false, error: { code: 'VOTE_CAST_BY_MEMBER' } });
    expect(await cast('chutoa', 'chutoa', ['yes'])).toMatchObject({ ok: true });

    const closed = motionWhen(watcher, motionId, (m) => m.status === 'closed');
    expect(await vote(await socketOf('thuky'), 'close', { motionId })).toMatchObject({ ok: true, data: { motion: { status: 'closed' } } });
    const result = await closed;
    // 4 yes of 5 members: more than half of all members.
    expect(result.outcome?.decided).toMatchObject({ kind: 'yes_no', passed: true, base: '5', required: '3', cast: { ballots: 5, weight: '5' }, abstained: { ballots: 0 } });
    expect(result.outcome?.decided.counts).toEqual([
      { optionId: 'yes', ballots: 4, weight: '4' },
      { optionId: 'no', ballots: 1, weight: '1' },
      { optionId: 'abstain', ballots: 0, weight: '0' },
    ]);
    expect(result.progress).toMatchObject({ eligible: 5, voted: 5 });
    expect(await cast('dai.bieu.a', 'dai.bieu.a', ['no'])).toMatchObject({ ok: false, error: { code: 'VOTE_CLOSED' } });
    expect(await vote(chair, 'close', { motionId })).toMatchObject({ ok: false, error: { code: 'VOTE_CLOSED' } });

    // The named list, with whose hand cast which ballot; the receipts that were counted.
    const full = (await get('dai.bieu.a', `/api/meetings/${meetingId}/motions/${motionId}/result`)).body as VoteResultDto;
    expect(full.record.named?.map((n) => [n.fullName, n.route, n.castByName, n.choices])).toEqual(
      expect.arrayContaining([
        ['Đại Biểu C', 'proxy', 'Phạm Thị Lan', ['yes']],
        ['Đại Biểu B', 'self', null, ['no']],
        ['Lê Hoàng Nam', 'self', null, ['yes']],
      ]),
    );
    expect(full.record.receipts).toContain([...receipts][0]);
    expect(full.record.receipts).toHaveLength(5);
    expect((await as['quantri'].get(`/api/meetings/${meetingId}/motions/${motionId}/result`)).status).toBe(403);
    expect((await as['thuky'].patch(`/api/meetings/${meetingId}/motions/${motionId}`, { countdownSeconds: 60 })).body.code).toBe('VOTE_NOT_DRAFT');
  });

  it('keeps a secret ballot unlinkable in every answer, message and byte on disk, and survives a restart mid-vote', async () => {
    traffic = [];
    const chair = await socketOf('chutoa');
    const motionId = await createMotion({ ...yesNoMotion('Bầu Trưởng ban (bỏ phiếu kín)'), secret: true, allowChange: false });
    const { s: watcher } = await joined('thuky');
    expect(await vote(chair, 'open', { motionId })).toMatchObject({ ok: true });
    expect(await vote(chair, 'myBallots', { motionId })).toMatchObject({ ok: true, data: { rights: [{ forUserId: ids['chutoa'], route: 'self', voted: false, choices: null }] } });
    // The site's operator may not carry a secret ballot: they would see it.
    expect(await vote(await socketOf('diemcau.phuloc'), 'myBallots', { motionId })).toMatchObject({ ok: true, data: { rights: [] } });
    const keys: Record<string, string> = { chutoa: newKey(), daibieu: newKey(), 'dai.bieu.a': newKey() };
    const choiceOf: Record<string, string> = { chutoa: 'yes', daibieu: 'no', 'dai.bieu.a': 'abstain' };
    const cast = async (who: string) => vote(await socketOf(who), 'cast', { motionId, forUserId: ids[who], choices: [choiceOf[who]], submissionKey: keys[who] });
    /** A tablet's send that may never hear back (the server goes away): the answer, or null after a timeout. */
    const castUnsure = async (who: string) => {
      const s = await socketOf(who);
      try {
        return (await s.timeout(5000).emitWithAck('vote:request', { method: 'cast', data: { meetingId, motionId, forUserId: ids[who], choices: [choiceOf[who]], submissionKey: keys[who] } } as never)) as Reply;
      } catch {
        return null;
      }
    };
    // Ballots wait for a batch of 10 (or the close) before they are written: these three are pending when the API stops.
    const pending = Promise.all(['chutoa', 'daibieu', 'dai.bieu.a'].map((who) => castUnsure(who)));
    // Wait until the server holds all three (they show in the progress), then stop it under them.
    await new Promise<void>((resolve) =>
      watcher.on('room:delta', (msg) => {
        if (msg.delta.slice === 'votes' && msg.delta.change.kind === 'progress' && msg.delta.change.progress.voted === 3) resolve();
      }),
    );
    await t.stop();
    const answers = await pending;
    // No tablet was told its ballot counted while it was only waiting: each heard a retryable refusal, or nothing.
    for (const a of answers) expect(a === null || (!a.ok && a.error.code === 'SERVICE_UNAVAILABLE')).toBe(true);
    for (const s of sockets.splice(0)) s.disconnect();
    t = await startTestApp({}, { dataDir: t.dataDir, databaseUrl: t.databaseUrl });
    await login();
    const { s: watcher2 } = await joined('thuky');
    const heldAgain = new Promise<void>((resolve) =>
      watcher2.on('room:delta', (msg) => {
        if (msg.delta.slice === 'votes' && msg.delta.change.kind === 'progress' && msg.delta.change.progress.voted === 3) resolve();
      }),
    );
    // The same submissions again. A secret ballot is answered once it is written with its batch (k = 10, or the
    // close), so with three voters the answers come at the close.
    const again = Promise.all(['chutoa', 'daibieu', 'dai.bieu.a'].map((who) => cast(who)));
    await heldAgain;
    expect(await vote(await socketOf('daibieu'), 'cast', { motionId, forUserId: ids['daibieu'], choices: ['yes'], submissionKey: newKey() })).toMatchObject({ ok: false, error: { code: 'VOTE_ALREADY_CAST' } });
    expect(await vote(await socketOf('daibieu'), 'myBallots', { motionId })).toMatchObject({ ok: true, data: { rights: [{ voted: true, choices: null }] } });
    const closed = motionWhen(watcher2, motionId, (m) => m.status === 'closed');
    expect(await vote(await socketOf('chutoa'), 'close', { motionId })).toMatchObject({ ok: true });
    expect((await again).every((a) => a.ok)).toBe(true);
    const result = await closed;
    expect(result.outcome?.decided.counts.map((c) => c.ballots)).toEqual([1, 1, 1]);
    const full = (await get('daibieu', `/api/meetings/${meetingId}/motions/${motionId}/result`)).body as VoteResultDto;
    expect(full.record.named).toBeNull();
    expect(full.record.receipts).toHaveLength(3);

    // Secrecy across the API: no answer or message names a voter beside a choice of this motion.
    for (const line of traffic) {
      if (!line.includes(motionId) && !line.includes('"choices"')) continue;
      for (const who of ['chutoa', 'daibieu', 'dai.bieu.a']) {
        if (line.includes(ids[who])) expect({ line, hasChoice: /"choices":\["(yes|no|abstain)"\]/.test(line) }).toMatchObject({ hasChoice: false });
      }
    }
    // On disk (SQLite): the WAL is cut to nothing at the close, and no choice row carries anything but its random key.
    if (ENGINE === 'sqlite') {
      const db = join(t.dataDir, 'phonghop.sqlite');
      expect(existsSync(db)).toBe(true);
      if (existsSync(`${db}-wal`)) expect(statSync(`${db}-wal`).size).toBe(0);
      const bytes = readFileSync(db).toString('latin1');
      for (const who of ['chutoa', 'daibieu', 'dai.bieu.a']) expect(bytes.includes(keys[who])).toBe(true); // who voted is known…
      // …but nothing in the choice table points back at them: checked byte by byte in ballot.store.spec.ts.
    }
  }, 60_000);

  it('verifies the chain of results and names the first broken link', async () => {
    const verified = (await as['chutoa'].get(`/api/meetings/${meetingId}/vote-chain`)).body;
    expect(verified).toMatchObject({ ok: true, firstBroken: null });
    expect(verified.links).toHaveLength(2);
    // Somebody with database access rewrites the first result: the verifier finds it, and which link.
    const ds = (t.app.get as (token: unknown) => unknown)(require('typeorm').DataSource) as { query: (sql: string, p?: unknown[]) => Promise<unknown> };
    const first = verified.links[0].motionId as string;
    const row = ((await ds.query(`SELECT result FROM vote_motion WHERE id = ${ENGINE === 'postgres' ? '$1' : '?'}`, [first])) as { result: string }[])[0];
    const forged = row.result.replace('"passed":true', '"passed":false');
    expect(forged).not.toBe(row.result);
    await ds.query(`UPDATE vote_motion SET result = ${ENGINE === 'postgres' ? '$1' : '?'} WHERE id = ${ENGINE === 'postgres' ? '$2' : '?'}`, [forged, first]);
    const broken = (await as['quantri'].get(`/api/meetings/${meetingId}/vote-chain`)).body;
    expect(broken).toMatchObject({ ok: false, firstBroken: { motionId: first, problem: 'hash_mismatch' } });
    expect(broken.links[1].ok).toBe(true);
    // The command line finds the same, straight from the database.
    const lines: string[] = [];
    const env = { DATA_DIR: t.dataDir, ...(t.databaseUrl ? { DATABASE_URL: t.databaseUrl } : {}) };
    expect(await runVerifyVotes(env, [meetingId], (l) => lines.push(l))).toBe(1);
    expect(lines.join('\n')).toContain(`first broken link: ${first}`);
  });

  it('closes a vote by itself when its countdown ends, and publishes the result', async () => {
    const motionId = await createMotion(yesNoMotion('Thông qua chương trình phiên họp'), { countdownSeconds: 10 });
    const { s: watcher } = await joined('daibieu');
    const opened = await vote(await socketOf('chutoa'), 'open', { motionId });
    expect(opened).toMatchObject({ ok: true, data: { motion: { countdownSeconds: 10 } } });
    const closesAt = Date.parse((opened as { data: { motion: { closesAt: string } } }).data.motion.closesAt);
    expect(closesAt - Date.now()).toBeGreaterThan(5_000);
    expect(await vote(await socketOf('dai.bieu.a'), 'cast', { motionId, forUserId: ids['dai.bieu.a'], choices: ['yes'], submissionKey: newKey() })).toMatchObject({ ok: true });
    const closed = await motionWhen(watcher, motionId, (m) => m.status === 'closed', 30_000);
    expect(Date.parse(closed.closedAt ?? '')).toBeGreaterThanOrEqual(closesAt - 50);
    expect(closed.outcome?.decided).toMatchObject({ kind: 'yes_no', passed: false, cast: { ballots: 1 } });
  }, 60_000);
});
