import { request as httpsRequest } from 'node:https';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { launchChromium } from './support/browser';
import { type Cluster, type ClusterProcess, startCluster, eventually as pollUntil } from './support/cluster';
import { api } from './support/conference';
import { createDelegates, prepareLiveMeeting } from './support/live-meeting';
import { login, sessionCookie } from './support/session';

const AGENDA = [
  { title: 'Báo cáo tình hình kinh tế - xã hội năm 2026', plannedMinutes: 20 },
  { title: 'Tờ trình dự toán ngân sách địa phương năm 2027', plannedMinutes: 30 },
  { title: 'Kết luận của Chủ tọa', plannedMinutes: 10 },
];
const NEW_DELEGATES = [
  { username: 'daibieu.hung', fullName: 'Nguyễn Văn Hùng', title: 'Giám đốc Sở Tài chính' },
  { username: 'daibieu.mai', fullName: 'Trần Thị Mai', title: 'Giám đốc Sở Kế hoạch và Đầu tư' },
  // Follows the meeting from the Phú Lộc site: the site's operator carries her ballot.
  { username: 'daibieu.lan', fullName: 'Hồ Thị Lan', title: 'Chủ tịch UBND huyện Phú Lộc' },
];
/** The pages that reach the API through nginx (all on process B while it lives), and who signs in on each. */
const THROUGH_NGINX = [
  ['d1', 'daibieu'],
  ['d2', 'daibieu.hung'],
  ['d3', 'daibieu.mai'],
  ['site', 'diemcau.phuloc'],
] as const;
type Key = (typeof THROUGH_NGINX)[number][0] | 'chair' | 'secretary';

/** A tablet as in support/browser.ts; through nginx it also accepts the test's self-signed certificate. */
const TABLET = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, hasTouch: true, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' };
/** Failover waits for detection (a cut socket, the room's lease taken over): generous per step. */
const FAILOVER_MS = 30_000;

/** A socket beside the browsers for the setup steps (attendance; the UI for them is tested elsewhere). */
async function roomSocket(base: string, cookie: string): Promise<Socket> {
  const s = io(base, { path: '/api/realtime', transports: ['websocket'], reconnection: false, extraHeaders: { cookie } });
  await new Promise<void>((resolve, reject) => {
    s.once('connect', () => resolve());
    s.once('connect_error', reject);
  });
  return s;
}
async function request(s: Socket, method: string, data: Record<string, unknown>): Promise<void> {
  const reply = (await s.timeout(15_000).emitWithAck('floor:request', { method, data })) as { ok: boolean; error?: { code: string } };
  if (!reply.ok) throw new Error(`floor:request ${method}: ${reply.error?.code}`);
}

/** Starts noting whether the meeting page's connection indicator ever says "not live". */
const watchDrop = (page: Page) =>
  page.evaluate(() => {
    const el = document.querySelector('[data-testid="room-status"]') as HTMLElement;
    const w = window as unknown as { __phDropped?: boolean };
    w.__phDropped = false;
    new MutationObserver(() => {
      if (el.getAttribute('data-live') === 'false') w.__phDropped = true;
    }).observe(el, { attributes: true, attributeFilter: ['data-live'] });
  });
/** Waits until the page saw its connection drop and is live again (rejoined the meeting's room). */
const backAfterDrop = (page: Page) =>
  page.waitForFunction(
    () => (window as unknown as { __phDropped?: boolean }).__phDropped === true && document.querySelector('[data-testid="room-status"]')?.getAttribute('data-live') === 'true',
    undefined,
    { timeout: FAILOVER_MS },
  );

/** A GET through nginx from the test itself (its certificate is the test's own, self-signed). */
function getJson(url: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { rejectUnauthorized: false, timeout: 10_000 }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null }));
    });
    req.on('error', reject);
    req.end();
  });
}
/** Which process nginx sends a new request to: the process id its health answer names. */
const processBehindNginx = async (cluster: Cluster) => ((await getJson(`${cluster.nginxUrl}/api/health`)).body as { info?: { redis?: { process?: string } } }).info?.redis?.process;

/** Polls until `ok`, within this file's failover allowance unless told otherwise. */
const eventually = <T>(what: string, probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = FAILOVER_MS) => pollUntil(what, probe, ok, timeoutMs);

/**
 * Several API processes behind Debian's nginx (docs/ops/nginx-phonghop.conf as written), sharing PostgreSQL, Redis
 * and one data folder, in Chromium. Delegates and a site reach the meeting through nginx, which sends them to
 * process B (A is `backup` in the test's upstream), so B runs the meeting's live room; the chair works on process A
 * directly, whose requests B serves (forwarded over Redis). B is killed (SIGKILL) in the middle of a vote: every
 * tablet reconnects through nginx to A, which takes the room over; the vote goes on and its result counts every
 * ballot exactly once. Then B comes back, Redis restarts, and floor changes still reach every screen on both.
 */
describe('several API processes behind nginx', () => {
  let cluster: Cluster;
  let A: ClusterProcess;
  let B: ClusterProcess;
  let chromium: { browser: Browser; close(): Promise<void> };
  const contexts: BrowserContext[] = [];
  let meetingId: string;
  let itemIds: string[];
  let motionId: string;
  const userIds: Record<string, string> = {};
  const pages = {} as Record<Key, Page>;

  const newPage = async (baseURL: string) => {
    const context = await chromium.browser.newContext({ ...TABLET, baseURL, ignoreHTTPSErrors: true });
    contexts.push(context);
    return context.newPage();
  };
  const ballot = (page: Page, username: string) => page.getByTestId(`vote-ballot-${userIds[username]}`);
  const castIn = async (page: Page, username: string, option: string) => {
    const card = ballot(page, username);
    await card.getByTestId(`vote-option-${option}`).click();
    await card.getByTestId('vote-submit').click();
    await page.locator(`[data-testid="vote-ballot-${userIds[username]}"][data-phase="confirmed"]`).waitFor({ timeout: FAILOVER_MS });
  };
  const ownerIs = (p: ClusterProcess) => eventually(`the meeting's room owned by ${p.baseUrl}`, () => cluster.ownerOf(meetingId), (o) => o === p);
  const namedBallots = async () =>
    (await cluster.query<{ n: string; voters: string }>('SELECT count(*) AS n, count(DISTINCT for_user_id) AS voters FROM vote_named_ballot WHERE motion_id = $1', [motionId]))[0];

  beforeAll(async () => {
    cluster = await startCluster({ processes: 2, firstIsBackup: true });
    [A, B] = cluster.processes;
    chromium = await launchChromium();
    // The secretary prepares the meeting on B, so that its live room starts there.
    const base = B.baseUrl;
    const secretary = await sessionCookie(base, 'thuky');
    await createDelegates(base, NEW_DELEGATES);
    const setup = await prepareLiveMeeting(base, AGENDA);
    ({ meetingId, itemIds } = setup);
    Object.assign(userIds, setup.userIds);
    await api(base, secretary, 'POST', `/api/meetings/${meetingId}/participants`, { meetingRole: 'delegate', userIds: NEW_DELEGATES.map((d) => userIds[d.username]) });
    motionId = (
      (await api(base, secretary, 'POST', `/api/meetings/${meetingId}/motions`, {
        itemId: itemIds[1],
        spec: {
          title: 'Thông qua Tờ trình dự toán ngân sách năm 2027',
          options: [
            { id: 'yes', label: 'Tán thành' },
            { id: 'no', label: 'Không tán thành' },
            { id: 'abstain', label: 'Không biểu quyết', abstain: true },
          ],
          choice: 'single',
          maxChoices: 1,
          secret: false,
          allowChange: false,
          rules: { majorityBase: 'members', threshold: 'more_than_half', quorumRequired: true },
        },
      })) as { id: string }
    ).id;
    // Everyone in the hall is marked present; Phú Lộc confirms Lan at its roll call.
    const sockets = [await roomSocket(base, secretary), await roomSocket(base, await sessionCookie(base, 'diemcau.phuloc'))];
    try {
      for (const u of ['chutoa', 'daibieu', 'daibieu.hung', 'daibieu.mai']) await request(sockets[0], 'markAttendance', { meetingId, userId: userIds[u], status: 'present' });
      await request(sockets[1], 'confirmRollCall', { meetingId, userIds: [userIds['daibieu.lan']] });
    } finally {
      for (const s of sockets) s.disconnect();
    }
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await chromium?.close();
    await cluster?.stop();
  }, 60_000);

  it('nginx sends the tablets to B, which runs the room; the chair on A runs the floor through it', async () => {
    // Plain HTTP only redirects to HTTPS (the documented server block on port 80).
    const redirect = await fetch(`${cluster.nginxHttpUrl}/meetings`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toMatch(/^https:\/\/localhost\/meetings$/);

    for (const [key, username] of THROUGH_NGINX) {
      pages[key] = await newPage(cluster.nginxUrl);
      await login(pages[key], username);
      await pages[key].goto(`/meetings/${meetingId}`);
      await pages[key].locator('[data-testid="room-status"][data-live="true"]').waitFor();
    }
    // B owns the meeting (the lease names B's process id, as B's health says), and nginx sent everything to B.
    await ownerIs(B);
    expect(await processBehindNginx(cluster)).toBe(B.processId);
    const bAddress = new URL(B.baseUrl).host.replace('localhost', '127.0.0.1');
    // (A socket's line is written when it closes: those of the pages' first sockets, opened before the login.)
    const proxied = cluster.nginxAccessLog().split('\n').filter((l) => /upstream=\d/.test(l));
    expect(proxied.length).toBeGreaterThan(0);
    for (const line of proxied) expect(line).toContain(`upstream=${bAddress} `);

    // The chair, on A: A forwards the chair's socket to B, the owner.
    pages.chair = await newPage(A.baseUrl);
    await login(pages.chair, 'chutoa');
    await pages.chair.goto(`/meetings/${meetingId}`);
    await pages.chair.locator('[data-testid="room-status"][data-live="true"]').waitFor();
    await pages.chair.locator('[data-testid="live-quorum"][data-reached="true"]').waitFor();
    await pages.chair.getByTestId('live-start').click();
    for (const page of Object.values(pages)) await page.locator('[data-testid="live-panel"][data-phase="in_session"]').waitFor();
    await pages.chair.getByTestId(`live-open-${itemIds[0]}`).click();
    for (const page of Object.values(pages)) await page.locator(`[data-testid="live-item"][data-item-id="${itemIds[0]}"]`).waitFor();

    // A delegate on B asks to speak; the request shows on the chair's console on A.
    await pages.d1.getByTestId('live-request').click();
    await pages.d1.getByTestId('live-request-topic').fill('Về phân bổ vốn đầu tư công');
    await pages.d1.getByTestId('live-request-submit').click();
    await pages.d1.getByTestId('live-my-request').waitFor();
    await pages.chair.getByTestId('live-queue').locator(`li[data-user-id="${userIds['daibieu']}"]`).waitFor();
    // Still B's room: nothing moved it.
    expect(await cluster.ownerOf(meetingId)).toBe(B);
  }, 120_000);

  it('the owner B is killed mid-vote: the tablets reconnect to A, which takes over; no ballot is lost or doubled', async () => {
    const { chair } = pages;
    await chair.getByTestId('live-tab-votes').click();
    await chair.getByTestId(`vote-open-${motionId}`).click();
    for (const [key, username] of [['d1', 'daibieu'], ['d2', 'daibieu.hung'], ['d3', 'daibieu.mai']] as const) await ballot(pages[key], username).waitFor();
    await pages.site.locator(`[data-testid="vote-ballot-${userIds['daibieu.lan']}"][data-route="site"]`).waitFor();

    // Two ballots before the failure: one on B, one from A forwarded to B. Confirmed means committed.
    await castIn(pages.d1, 'daibieu', 'yes');
    await castIn(chair, 'chutoa', 'yes');
    await chair.locator('[data-testid="vote-progress"][data-voted="2"][data-eligible="5"]').first().waitFor();
    expect(await namedBallots()).toEqual({ n: '2', voters: '2' });

    // The process killed is the one that runs the room at that moment.
    expect(await cluster.ownerOf(meetingId)).toBe(B);
    for (const [key] of THROUGH_NGINX) await watchDrop(pages[key]);
    await B.kill('SIGKILL');

    // Every tablet and the site lose their socket and come back through nginx, now to A.
    for (const [key] of THROUGH_NGINX) await backAfterDrop(pages[key]);
    await ownerIs(A);
    expect(await processBehindNginx(cluster)).toBe(A.processId);

    // The vote is still open everywhere, with the two ballots cast before: theirs confirmed, the others open.
    await pages.d1.locator(`[data-testid="vote-ballot-${userIds['daibieu']}"][data-phase="confirmed"]`).waitFor({ timeout: FAILOVER_MS });
    await chair.locator(`[data-testid="vote-ballot-${userIds['chutoa']}"][data-phase="confirmed"]`).waitFor({ timeout: FAILOVER_MS });
    await ballot(pages.d2, 'daibieu.hung').getByTestId('vote-option-no').waitFor({ timeout: FAILOVER_MS });
    for (const page of [chair, pages.d3]) await page.locator('[data-testid="vote-progress"][data-voted="2"][data-eligible="5"]').first().waitFor({ timeout: FAILOVER_MS });

    // The others vote on A; the chair closes.
    await castIn(pages.d2, 'daibieu.hung', 'no');
    await castIn(pages.d3, 'daibieu.mai', 'yes');
    await castIn(pages.site, 'daibieu.lan', 'abstain');
    await chair.locator('[data-testid="vote-progress"][data-voted="5"][data-eligible="5"]').first().waitFor({ timeout: FAILOVER_MS });
    await chair.getByTestId('vote-close').click();
    await chair.getByTestId('confirm-ok').click();

    // The result the chair sees: exactly the five ballots cast, each once (3 yes, 1 no, 1 abstention).
    const result = chair.getByTestId(`vote-chair-result-${motionId}`);
    await result.locator('[data-testid="vote-result-row-yes"][data-ballots="3"]').waitFor({ timeout: FAILOVER_MS });
    await result.locator('[data-testid="vote-result-row-no"][data-ballots="1"]').waitFor();
    await result.locator('[data-testid="vote-result-row-abstain"][data-ballots="1"]').waitFor();
    for (const key of ['d1', 'd2', 'd3', 'site'] as const) await pages[key].locator('[data-testid="vote-passed"][data-passed="true"]').first().waitFor({ timeout: FAILOVER_MS });

    // And in the database: five ballot rows for five members, and the sealed result counts five.
    expect(await namedBallots()).toEqual({ n: '5', voters: '5' });
    const [motion] = await cluster.query<{ status: string; result: string }>('SELECT status, result FROM vote_motion WHERE id = $1', [motionId]);
    expect(motion.status).toBe('closed');
    const record = JSON.parse(motion.result) as { decided: { cast: { ballots: number }; invalid: { ballots: number } }; named: unknown[]; receipts: string[] };
    expect(record.decided.cast.ballots).toBe(5);
    expect(record.decided.invalid.ballots).toBe(0);
    expect(record.named).toHaveLength(5);
    expect(record.receipts).toHaveLength(5);
  }, 150_000);

  it('after B comes back and Redis restarts, floor changes from either process reach every screen', async () => {
    await B.restart();
    // The secretary follows the meeting on B directly: B forwards to A, the owner now, over Redis.
    pages.secretary = await newPage(B.baseUrl);
    await login(pages.secretary, 'thuky');
    await pages.secretary.goto(`/meetings/${meetingId}?tab=session`);
    await pages.secretary.locator('[data-testid="room-status"][data-live="true"]').waitFor();
    await pages.secretary.locator(`[data-testid="live-item"][data-item-id="${itemIds[0]}"]`).waitFor();

    await cluster.redisRestart();
    // Both processes are connected to the new Redis again (their health says so), and A still runs the room.
    for (const p of [A, B]) {
      await eventually(`${p.baseUrl} reconnected to Redis`, async () => (await fetch(`${p.baseUrl}/api/health`)).json() as Promise<{ info?: { redis?: { status?: string } } }>, (h) => h.info?.redis?.status === 'up');
    }
    await ownerIs(A);

    // The chair on A gives the floor to the delegate who asked; the secretary on B opens the last item (forwarded to
    // A, the owner). Every screen, on A and on B, follows both.
    await pages.chair.getByTestId('live-tab-agenda').click();
    const row = pages.chair.getByTestId('live-queue').locator(`li[data-user-id="${userIds['daibieu']}"]`);
    const requestId = ((await row.getAttribute('data-testid')) as string).replace('live-request-', '');
    await pages.chair.getByTestId(`live-give-${requestId}`).click();
    for (const page of Object.values(pages)) {
      await page.locator(`[data-testid="live-speaker"][data-user-id="${userIds['daibieu']}"]`).waitFor({ timeout: FAILOVER_MS });
    }
    await pages.secretary.getByTestId(`live-open-${itemIds[2]}`).click();
    for (const page of Object.values(pages)) await page.locator(`[data-testid="live-item"][data-item-id="${itemIds[2]}"]`).waitFor({ timeout: FAILOVER_MS });
    expect(await cluster.ownerOf(meetingId)).toBe(A);
  }, 120_000);
});
