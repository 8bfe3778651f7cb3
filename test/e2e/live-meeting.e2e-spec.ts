import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { api } from './support/conference';
import { DEMO_MEETING_TITLE as MEETING_TITLE, newPage as pageIn, createDelegates, prepareLiveMeeting } from './support/live-meeting';
import { type RunningServer, startServer } from './support/server';
import { DEMO_PASSWORD, login, sessionCookie } from './support/session';
import { shot } from './support/shots';

const AGENDA = [
  { title: 'Báo cáo tình hình kinh tế - xã hội năm 2026', plannedMinutes: 20 },
  { title: 'Dự toán ngân sách địa phương năm 2027', plannedMinutes: 30 },
  { title: 'Kết luận của Chủ tọa', plannedMinutes: 10 },
];
const NEW_DELEGATES = [
  { username: 'daibieu.hung', fullName: 'Nguyễn Văn Hùng', title: 'Giám đốc Sở Tài chính' },
  { username: 'daibieu.mai', fullName: 'Trần Thị Mai', title: 'Giám đốc Sở Kế hoạch và Đầu tư' },
];

/** Marks the document so a later check can prove the page was never reloaded. */
const markDocument = (page: Page) => page.evaluate(() => ((window as unknown as { __phMark: number }).__phMark = 7));
const stillSameDocument = (page: Page) => page.evaluate(() => (window as unknown as { __phMark?: number }).__phMark === 7);
/** Starts noting whether an element's attribute ever takes the value that means "connection lost". */
const watchDrop = (page: Page, testId: string, attribute: string, dropped: string) =>
  page.evaluate(
    ([id, attr, value]) => {
      const el = document.querySelector(`[data-testid="${id}"]`) as HTMLElement;
      const w = window as unknown as { __phDropped?: boolean };
      w.__phDropped = false;
      new MutationObserver(() => {
        if (el.getAttribute(attr) === value) w.__phDropped = true;
      }).observe(el, { attributes: true, attributeFilter: [attr] });
    },
    [testId, attribute, dropped],
  );
/** Waits until the connection was seen lost and the attribute is back to the value that means "live". */
const backAfterDrop = (page: Page, testId: string, attribute: string, live: string) =>
  page.waitForFunction(
    ([id, attr, value]) =>
      (window as unknown as { __phDropped?: boolean }).__phDropped === true && document.querySelector(`[data-testid="${id}"]`)?.getAttribute(attr) === value,
    [testId, attribute, live],
    { timeout: 30_000 },
  );
const remaining = async (page: Page, testId: string) => Number(await page.getByTestId(testId).getAttribute('data-remaining'));

/**
 * The live session in Chromium, against the production build: a chair, three delegates on tablets and the hall's
 * display. Check-in by the display's QR link (one delegate signed out first), quorum, a request to speak given the
 * floor, the countdown on the display, the next item; then the API restarts and every screen carries on by itself.
 */
describe('live meeting in Chromium', () => {
  let server: RunningServer;
  let chromium: { browser: Browser; close(): Promise<void> };
  const contexts: BrowserContext[] = [];
  let meetingId: string;
  let itemIds: string[];
  let displayPath: string;
  const userIds: Record<string, string> = {};
  const pages = {} as Record<'chair' | 'd1' | 'd2' | 'd3' | 'display', Page>;

  const newPage = (viewport?: { width: number; height: number }) => pageIn(chromium.browser, server.baseUrl, contexts, viewport);

  beforeAll(async () => {
    server = await startServer();
    chromium = await launchChromium();
    const base = server.baseUrl;
    const secretary = await sessionCookie(base, 'thuky');

    // Two more delegates, who have set their own password, invited to the demo meeting with its agenda.
    await createDelegates(base, NEW_DELEGATES);
    // The agenda and the hall display's link (the token rides in the fragment), as the secretary prepares them.
    const setup = await prepareLiveMeeting(base, AGENDA);
    ({ meetingId, itemIds, displayPath } = setup);
    Object.assign(userIds, setup.userIds);
    await api(base, secretary, 'POST', `/api/meetings/${meetingId}/participants`, { meetingRole: 'delegate', userIds: NEW_DELEGATES.map((d) => userIds[d.username]) });
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await chromium?.close();
    await server?.stop();
  });

  it('delegates check in with the display’s QR link and the quorum is reached', async () => {
    // The display, on a 16:9 projector, without any sign-in: before the session it shows the check-in QR, large.
    pages.display = await newPage({ width: 1920, height: 1080 });
    await pages.display.goto(displayPath);
    await pages.display.getByTestId('display-title').filter({ hasText: MEETING_TITLE }).waitFor();
    // The token leaves the address bar at once (kept in sessionStorage for a reload).
    expect(new URL(pages.display.url()).hash).toBe('');
    await pages.display.reload();
    await pages.display.getByTestId('display-title').filter({ hasText: MEETING_TITLE }).waitFor();
    const qr = pages.display.getByTestId('display-checkin-qr');
    await qr.waitFor();
    const checkInUrl = new URL((await qr.getAttribute('data-qr-text')) as string);
    expect(checkInUrl.pathname).toBe(`/meetings/${meetingId}/check-in`);
    expect(checkInUrl.searchParams.get('code')).toBeTruthy();
    const checkInPath = checkInUrl.pathname + checkInUrl.search;
    await pages.display.locator('[data-testid="display-quorum"][data-reached="false"]').waitFor();
    await shot(pages.display, 'live-display-before-16x9');
    await pages.display.setViewportSize({ width: 1024, height: 768 });
    await shot(pages.display, 'live-display-before-4x3');
    await pages.display.setViewportSize({ width: 1920, height: 1080 });

    // The chair opens the meeting page: the live panel with the console.
    pages.chair = await newPage();
    await login(pages.chair, 'chutoa');
    await pages.chair.goto(`/meetings/${meetingId}`);
    await pages.chair.getByTestId('live-start').waitFor();
    await pages.chair.locator('[data-testid="live-quorum"][data-reached="false"][data-members="4"]').waitFor();

    // Two delegates scan the QR on their signed-in tablets; the third is signed out: login first, then back to it.
    for (const [key, username] of [['d1', 'daibieu'], ['d2', NEW_DELEGATES[0].username]] as const) {
      pages[key] = await newPage();
      await login(pages[key], username);
      await pages[key].goto(checkInPath);
      await pages[key].getByTestId('checkin-done').waitFor();
      expect(await pages[key].getByTestId('checkin-meeting').textContent()).toContain(MEETING_TITLE);
    }
    pages.d3 = await newPage();
    await pages.d3.goto(checkInPath);
    await pages.d3.getByTestId('login-username').waitFor();
    expect(new URL(pages.d3.url()).searchParams.get('returnUrl')).toBe(checkInPath);
    await pages.d3.getByTestId('login-username').fill(NEW_DELEGATES[1].username);
    await pages.d3.getByTestId('login-password').fill(DEMO_PASSWORD);
    await pages.d3.getByTestId('login-submit').click();
    await pages.d3.getByTestId('checkin-done').waitFor();
    await shot(pages.d3, 'live-checkin-done');

    // A wrong code says so plainly.
    await pages.d3.goto(`/meetings/${meetingId}/check-in?code=sai-ma`);
    await pages.d3.getByTestId('checkin-error').filter({ hasText: 'Mã điểm danh không đúng' }).waitFor();

    // 3 of 4 members present: two thirds reached, on the chair's console and on the display.
    await pages.chair.locator('[data-testid="live-quorum"][data-reached="true"][data-present="3"]').waitFor();
    await pages.display.locator('[data-testid="display-quorum"][data-reached="true"][data-present="3"]').waitFor();
  }, 120_000);

  it('the chair opens the session, a delegate asks to speak and gets the floor, the countdown runs on the display', async () => {
    const { chair, d1, display } = pages;
    await chair.getByTestId('live-start').click();
    await chair.locator('[data-testid="live-panel"][data-phase="in_session"]').waitFor();
    await chair.getByTestId(`live-open-${itemIds[0]}`).click();
    await chair.locator(`[data-testid="live-item-${itemIds[0]}"][data-current="true"]`).waitFor();

    for (const key of ['d1', 'd2', 'd3'] as const) await pages[key].goto(`/meetings/${meetingId}`);
    await d1.locator('[data-testid="live-my-checkin"][data-status="present"]').waitFor();
    await d1.getByTestId('live-request').click();
    await d1.getByTestId('live-request-topic').fill('Về phân bổ vốn đầu tư công');
    await d1.getByTestId('live-request-submit').click();
    await d1.getByTestId('live-my-request').waitFor();
    await d1.getByTestId('live-withdraw').waitFor();

    // A second delegate asks with a point of order: it goes ahead of the speech.
    await pages.d2.getByTestId('live-request').click();
    await pages.d2.getByTestId('live-request-kind-point_of_order').click();
    await pages.d2.getByTestId('live-request-submit').click();
    const queue = chair.getByTestId('live-queue');
    await queue.locator(`[data-user-id="${userIds[NEW_DELEGATES[0].username]}"]`).waitFor();
    const first = queue.locator('li[data-user-id]').first();
    expect(await first.getAttribute('data-user-id')).toBe(userIds[NEW_DELEGATES[0].username]);
    await chair.getByTestId('live-panel').evaluate((el) => el.scrollIntoView());
    await shot(chair, 'live-chair-console');
    await shot(chair, 'live-chair-page', { fullPage: true });

    // The chair gives the floor to the first delegate's request.
    const row = queue.locator(`li[data-user-id="${userIds['daibieu']}"]`);
    const requestId = ((await row.getAttribute('data-testid')) as string).replace('live-request-', '');
    await chair.getByTestId(`live-give-${requestId}`).click();
    for (const page of [chair, d1, pages.d2, pages.d3]) {
      await page.locator(`[data-testid="live-speaker"][data-user-id="${userIds['daibieu']}"]`).waitFor();
    }
    await display.locator(`[data-testid="display-speaker"][data-user-id="${userIds['daibieu']}"]`).waitFor();
    expect(await display.getByTestId('display-speaker-name').textContent()).toContain('Lê Hoàng Nam');
    // The slot where the spotlighted site's video goes is there, empty.
    expect(await display.getByTestId('display-conference').count()).toBe(1);

    // The countdown runs on the display (server clock): five minutes by default, going down.
    const start = await remaining(display, 'display-countdown');
    expect(start).toBeGreaterThan(280);
    expect(start).toBeLessThanOrEqual(300);
    await display.waitForFunction(
      (before) => Number(document.querySelector('[data-testid="display-countdown"]')?.getAttribute('data-remaining')) < before,
      start,
      { timeout: 5000 },
    );
    expect(await display.getByTestId('display-countdown').textContent()).toMatch(/^0[0-5]:\d\d$/);
    // …and on the tablets, from their own clock offset.
    const onTablet = await remaining(pages.d3, 'live-countdown');
    await pages.d3.waitForFunction(
      (before) => Number(document.querySelector('[data-testid="live-countdown"]')?.getAttribute('data-remaining')) < before,
      onTablet,
      { timeout: 5000 },
    );
    await d1.getByTestId('live-panel').evaluate((el) => el.scrollIntoView());
    await shot(d1, 'live-delegate-speaking');
    await chair.getByTestId('live-panel').evaluate((el) => el.scrollIntoView());
    await shot(chair, 'live-chair-speaking');

    // The next item: every screen follows.
    await chair.getByTestId(`live-open-${itemIds[1]}`).click();
    for (const page of [chair, d1, pages.d2, pages.d3]) await page.locator(`[data-testid="live-item"][data-item-id="${itemIds[1]}"]`).waitFor();
    await display.locator(`[data-testid="display-item"][data-item-id="${itemIds[1]}"]`).waitFor();
    await chair.locator(`[data-testid="live-item-${itemIds[0]}"][data-closed="true"]`).waitFor();
    await shot(display, 'live-display-16x9');
    await display.setViewportSize({ width: 1024, height: 768 });
    await shot(display, 'live-display-4x3');
    await display.setViewportSize({ width: 1920, height: 1080 });
    await pages.d3.getByTestId('live-panel').evaluate((el) => el.scrollIntoView());
    await shot(pages.d3, 'live-delegate-tablet');
    await chair.getByTestId('live-tab-attendance').click();
    await chair.getByTestId(`live-att-${userIds['daibieu']}`).waitFor();
    await shot(chair, 'live-chair-attendance', { fullPage: true });
    await chair.getByTestId('live-tab-screen').click();
    await chair.getByTestId('live-checkin-qr').waitFor();
    await shot(chair, 'live-chair-screen', { fullPage: true });
    // A new check-in code (a photo of the old QR went round): the link changes.
    const oldLink = await chair.getByTestId('live-checkin-link').textContent();
    await chair.getByTestId('live-checkin-renew').click();
    await chair.getByTestId('confirm-ok').click();
    await chair.waitForFunction((old) => document.querySelector('[data-testid="live-checkin-link"]')?.textContent !== old, oldLink);
    await chair.getByTestId('live-tab-agenda').click();
  }, 90_000);

  it('after the API restarts, every screen shows the same speaker and item again and follows new changes, without a reload', async () => {
    const all = Object.values(pages);
    for (const page of all) await markDocument(page);
    for (const key of ['chair', 'd1', 'd2', 'd3'] as const) await watchDrop(pages[key], 'room-status', 'data-live', 'false');
    await watchDrop(pages.display, 'display', 'data-link', 'reconnecting');
    await server.restart();

    // The display reconnects on its own socket, rejoins and measures its clock again.
    const { chair, display } = pages;
    await backAfterDrop(display, 'display', 'data-link', 'live');
    await display.locator(`[data-testid="display-speaker"][data-user-id="${userIds['daibieu']}"]`).waitFor();
    await display.locator(`[data-testid="display-item"][data-item-id="${itemIds[1]}"]`).waitFor();
    for (const key of ['chair', 'd1', 'd2', 'd3'] as const) {
      const page = pages[key];
      // The meeting page showed "connecting" while its socket was down, and "live" once it joined the room again.
      await backAfterDrop(page, 'room-status', 'data-live', 'true');
      await page.locator(`[data-testid="live-speaker"][data-user-id="${userIds['daibieu']}"]`).waitFor();
      await page.locator(`[data-testid="live-item"][data-item-id="${itemIds[1]}"]`).waitFor();
    }

    // New changes reach everyone on the new process: two more minutes for the speaker, the third item.
    const before = await remaining(display, 'display-countdown');
    await chair.getByTestId('live-extend-120').click();
    await display.waitForFunction(
      (b) => Number(document.querySelector('[data-testid="display-countdown"]')?.getAttribute('data-remaining')) > b + 100,
      before,
      { timeout: 10_000 },
    );
    await chair.getByTestId(`live-open-${itemIds[2]}`).click();
    for (const key of ['chair', 'd1', 'd2', 'd3'] as const) await pages[key].locator(`[data-testid="live-item"][data-item-id="${itemIds[2]}"]`).waitFor();
    await display.locator(`[data-testid="display-item"][data-item-id="${itemIds[2]}"]`).waitFor();
    for (const page of all) expect(await stillSameDocument(page)).toBe(true);
  }, 120_000);
});
