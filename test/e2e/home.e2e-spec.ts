import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, tabletContext } from './support/browser';
import { api, publishedDocument } from './support/conference';
import { DEMO_MEETING_TITLE } from './support/live-meeting';
import { makePdf } from './support/pdf-fixtures';
import { type RunningServer, startServer } from './support/server';
import { login, sessionCookie } from './support/session';
import { shot } from './support/shots';

const DAY = 86_400_000;

/** Meetings the delegate is invited to besides the demo one: enough to need search, filters and groups. */
const MORE = [
  { title: 'Họp giao ban Văn phòng UBND tỉnh', location: 'Phòng họp số 2', days: 0, start: true },
  { title: 'Hội nghị trực tuyến về chuyển đổi số cấp xã', location: 'Hội trường tầng 3', days: 5 },
  { title: 'Họp Ban Chỉ đạo phòng chống thiên tai', location: 'Phòng họp số 1', days: 9 },
  { title: 'Họp thẩm định dự toán ngân sách năm 2027', location: 'Sở Tài chính', days: -6 },
  { title: 'Họp rà soát đề án sắp xếp đơn vị hành chính', location: 'Phòng họp số 2', days: -20 },
] as const;

/**
 * The home page of a delegate with several meetings, on a tablet in portrait whose clock is set to UTC: groups,
 * filter chips, search typed without tone marks, badges, and times in the meeting zone (Asia/Ho_Chi_Minh).
 */
describe('home page in Chromium', () => {
  let server: RunningServer;
  let chromium: { browser: Browser; close(): Promise<void> };
  const contexts: BrowserContext[] = [];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await startServer();
    chromium = await launchChromium();
    const base = server.baseUrl;
    const secretary = await sessionCookie(base, 'thuky');
    const delegate = await sessionCookie(base, 'daibieu');
    const delegateId = (await api(base, delegate, 'GET', '/api/auth/me')).user.id as string;
    ids[DEMO_MEETING_TITLE] = ((await api(base, secretary, 'GET', '/api/meetings/mine')) as { id: string; title: string }[]).find((m) => m.title === DEMO_MEETING_TITLE)?.id as string;
    for (const m of MORE) {
      // Today's meeting starts now and is opened; the others at 08:00 Hà Nội time (01:00 UTC) `days` away.
      const startsAt = new Date(Date.now() + m.days * DAY);
      if (!('start' in m)) startsAt.setUTCHours(1, 0, 0, 0);
      const created = await api(base, secretary, 'POST', '/api/meetings', { title: m.title, kind: 'in_person', location: m.location, startsAt: startsAt.toISOString() });
      ids[m.title] = created.id;
      await api(base, secretary, 'POST', `/api/meetings/${created.id}/participants`, { meetingRole: 'delegate', userIds: [delegateId] });
      await api(base, secretary, 'POST', `/api/meetings/${created.id}/publish`);
      if ('start' in m) await api(base, secretary, 'POST', `/api/meetings/${created.id}/start`);
    }
    // The delegate answered all but the demo meeting and today's.
    for (const m of MORE.slice(1)) await api(base, delegate, 'POST', `/api/meetings/${ids[m.title]}/rsvp`, { response: 'attend' });
    // Two new papers for the demo meeting, none opened yet.
    const pdf = await makePdf({ title: 'Báo cáo tình hình kinh tế - xã hội', pages: ['Trang 1'] });
    await publishedDocument(base, ids[DEMO_MEETING_TITLE], 'Báo cáo tình hình kinh tế - xã hội', pdf);
    await publishedDocument(base, ids[DEMO_MEETING_TITLE], 'Tờ trình dự toán ngân sách', pdf);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await chromium?.close();
    await server?.stop();
  });

  /** An 820×1180 tablet in portrait whose clock runs on UTC (a device nobody set to Vietnam's zone). */
  async function utcTablet(): Promise<Page> {
    const context = await chromium.browser.newContext({
      baseURL: server.baseUrl,
      viewport: { width: 820, height: 1180 },
      deviceScaleFactor: 1,
      hasTouch: true,
      locale: 'vi-VN',
      timezoneId: 'UTC',
    });
    contexts.push(context);
    return context.newPage();
  }

  const card = (page: Page, title: string) => page.getByTestId(`meeting-card-${ids[title]}`);
  const cardIds = (page: Page, group: string) =>
    page.getByTestId(`home-group-${group}`).locator('[data-testid^="meeting-card-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')?.slice('meeting-card-'.length)));

  it('groups, filters and searches the meetings, with badges and Hà Nội times on a UTC device', async () => {
    const page = await utcTablet();
    await login(page, 'daibieu');
    const today = MORE[0].title;

    // Hôm nay: the meeting in session; Sắp tới: soonest first; Đã qua: folded away until asked for.
    await card(page, today).waitFor();
    expect(await cardIds(page, 'today')).toEqual([ids[today]]);
    expect(await cardIds(page, 'upcoming')).toEqual([ids[DEMO_MEETING_TITLE], ids[MORE[1].title], ids[MORE[2].title]]);
    const pastToggle = page.getByTestId('home-past-toggle');
    expect(await pastToggle.getAttribute('aria-expanded')).toBe('false');
    expect(await cardIds(page, 'past')).toEqual([]);
    await pastToggle.click();
    await card(page, MORE[3].title).waitFor();
    expect(await cardIds(page, 'past')).toEqual([ids[MORE[3].title], ids[MORE[4].title]]);

    // Badges: the unanswered invitation and its two unopened papers; an answered meeting has none.
    const demo = card(page, DEMO_MEETING_TITLE);
    await demo.getByTestId('badge-new-documents').filter({ hasText: '2 tài liệu mới' }).waitFor();
    expect(await demo.getByTestId('badge-unanswered').textContent()).toContain('Chưa trả lời');
    expect(await card(page, MORE[1].title).getByTestId('badge-unanswered').count()).toBe(0);

    // 08:00–11:00 in Hà Nội, though this device's clock says 01:00 UTC.
    const time = (await page.getByTestId(`card-time-${ids[DEMO_MEETING_TITLE]}`).textContent()) ?? '';
    expect(time).toMatch(/08:00 .*– 11:00/);
    expect(time).not.toContain('01:00');
    await shot(page, 'home-tablet-portrait-utc', { fullPage: true });

    // Filter chips: only what waits for my answer (today's and the demo meeting), then only new documents.
    await page.getByTestId('home-filter-unanswered').click();
    // The chip says it is on once Angular has re-rendered (the click's answer can come before that).
    await page.locator('[data-testid="home-filter-unanswered"][aria-pressed="true"]').waitFor();
    await page.getByTestId(`meeting-card-${ids[MORE[1].title]}`).waitFor({ state: 'detached' });
    expect(await page.locator('[data-testid^="meeting-card-"]').count()).toBe(2);
    await page.getByTestId('home-filter-newDocuments').click();
    await card(page, today).waitFor({ state: 'detached' });
    expect(await page.locator('[data-testid^="meeting-card-"]').count()).toBe(1);
    await page.getByTestId('home-filter-all').click();

    // Search without tone marks: "tham dinh ngan sach" finds "thẩm định … ngân sách", a past meeting shown unfolded.
    await page.getByTestId('home-search').fill('tham dinh ngan sach');
    await card(page, DEMO_MEETING_TITLE).waitFor({ state: 'detached' });
    expect(await page.locator('[data-testid^="meeting-card-"]').count()).toBe(1);
    await card(page, MORE[3].title).waitFor();
    // By place too, and nothing found says so.
    await page.getByTestId('home-search').fill('hoi truong tang 3');
    await card(page, MORE[1].title).waitFor();
    expect(await page.locator('[data-testid^="meeting-card-"]').count()).toBe(1);
    await page.getByTestId('home-search').fill('khong co cuoc hop nay');
    await page.getByTestId('home-no-match').waitFor();
    await page.getByTestId('home-search-clear').click();
    await card(page, DEMO_MEETING_TITLE).waitFor();

    // The meeting page shows the same Hà Nội time, and an unanswered RSVP card with nothing pressed.
    await page.getByTestId(`meeting-link-${ids[DEMO_MEETING_TITLE]}`).click();
    await page.getByTestId('meeting-title').waitFor();
    expect(await page.getByTestId('meeting-time').textContent()).toMatch(/08:00 .*– 11:00/);
    await expectUnanswered(page);
    await page.getByTestId('rsvp-attend').click();
    await page.getByTestId('rsvp-current').filter({ hasText: 'Tham dự' }).waitFor();
    await page.locator('[data-testid="rsvp-attend"][aria-pressed="true"]').waitFor();
    expect(await page.locator('[data-testid="rsvp-card"] button[aria-pressed="true"]').count()).toBe(1);
    await shot(page, 'rsvp-chosen');

    // Back home: the answer took the badge away.
    await page.goBack();
    await card(page, DEMO_MEETING_TITLE).waitFor();
    await demo.getByTestId('badge-new-documents').waitFor();
    expect(await demo.getByTestId('badge-unanswered').count()).toBe(0);
  });

  it('the chair’s own RSVP card looks unanswered until the chair answers', async () => {
    // The user guide's picture of the home page: the delegate's meetings on a tablet in landscape.
    const delegateContext = await tabletContext(chromium.browser, server.baseUrl);
    contexts.push(delegateContext);
    const delegate = await delegateContext.newPage();
    await login(delegate, 'daibieu');
    await card(delegate, MORE[0].title).getByTestId('badge-unanswered').waitFor();
    await shot(delegate, 'home');

    const context = await tabletContext(chromium.browser, server.baseUrl);
    contexts.push(context);
    const page = await context.newPage();
    await login(page, 'chutoa');
    await card(page, DEMO_MEETING_TITLE).getByTestId('badge-unanswered').waitFor();
    await page.getByTestId(`meeting-link-${ids[DEMO_MEETING_TITLE]}`).click();
    await page.getByTestId('meeting-title').waitFor();
    await expectUnanswered(page);
    await page.getByTestId('rsvp-card').scrollIntoViewIfNeeded();
    await shot(page, 'rsvp-unanswered');
  });

  async function expectUnanswered(page: Page): Promise<void> {
    const current = page.getByTestId('rsvp-current');
    await current.waitFor();
    expect(await current.getAttribute('data-state')).toBe('pending');
    expect(await current.textContent()).toContain('Chưa trả lời');
    const buttons = page.locator('[data-testid="rsvp-card"] button[aria-pressed]');
    expect(await buttons.count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('[data-testid="rsvp-card"] button[aria-pressed="true"]').count()).toBe(0);
    // Unchosen answers are outlined, not filled.
    const filled = await buttons.evaluateAll((els) => els.filter((e) => e.classList.contains('mat-mdc-unelevated-button')).length);
    expect(filled).toBe(0);
  }
});
