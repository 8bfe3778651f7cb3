import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { api, publishedConference, publishedDocument } from './support/conference';
import { DEMO_MEETING_TITLE } from './support/live-meeting';
import { makePdf } from './support/pdf-fixtures';
import { type RunningServer, startServer } from './support/server';
import { login, sessionCookie } from './support/session';
import { shot } from './support/shots';

const PORTRAIT = { width: 820, height: 1180 };
const LANDSCAPE = { width: 1280, height: 800 };

/** Where the page's own content starts: behind a permanent side navigation it is ≈ 264 px in. */
const mainLeft = async (page: Page): Promise<number> => (await page.locator('#main-content').boundingBox())?.x ?? -1;

const heightOf = async (locator: Locator): Promise<number> => (await locator.boundingBox())?.height ?? 0;

/** Each row's place in the host console, relative to the console (which may scroll): order and offsets. */
const consoleRows = (page: Page) =>
  page.evaluate(() => {
    const console = document.querySelector('[data-testid="conf-host-console"]') as HTMLElement;
    const top = console.getBoundingClientRect().top;
    return [...console.querySelectorAll('[data-testid^="conf-site-"], [data-testid^="conf-person-"]')].map(
      (row) => `${row.getAttribute('data-testid')}@${Math.round(row.getBoundingClientRect().top - top)}`,
    );
  });

/**
 * A new user's trial on tablets (issue 15): the reader and the conference use the whole width, the secretary's
 * meeting page is in tabs, row buttons are 48 px, the users table keeps its row menu in portrait, and in the
 * conference the site given the floor is told so, a site muted by the host sees it on its microphone button, and the
 * host console's rows stay where they are as states change.
 */
describe('tablet layout (820×1180 portrait, 1280×800 landscape)', () => {
  let server: RunningServer;
  let chromium: { browser: Browser; close(): Promise<void> };
  const contexts: BrowserContext[] = [];
  let meetingId: string;
  let documentId: string;
  let sites: { id: string; name: string }[];

  const newPage = async (username: string, viewport = PORTRAIT): Promise<Page> => {
    const context = await chromium.browser.newContext({
      baseURL: server.baseUrl,
      viewport,
      deviceScaleFactor: 1,
      hasTouch: true,
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
    });
    contexts.push(context);
    const page = await context.newPage();
    await login(page, username);
    return page;
  };

  beforeAll(async () => {
    server = await startServer({ CONFERENCE_LISTEN_IP: '127.0.0.1', CONFERENCE_WORKERS: '1' });
    chromium = await launchChromium({ media: true });
    const setup = await publishedConference(server.baseUrl, 'Hội nghị trực tuyến giao ban tháng 12');
    meetingId = setup.meetingId;
    sites = [setup.district, setup.commune];
    const pdf = await makePdf({ title: 'Báo cáo giao ban', pages: ['Phần I. Kết quả', 'Phần II. Nhiệm vụ'] });
    documentId = await publishedDocument(server.baseUrl, meetingId, 'Báo cáo giao ban', pdf);
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await chromium?.close();
    await server?.stop();
  });

  it('the reader and the conference fold the side navigation into the menu button, in portrait and in landscape', async () => {
    for (const viewport of [PORTRAIT, LANDSCAPE]) {
      const page = await newPage('chutoa', viewport);
      if (viewport === LANDSCAPE) {
        // The meeting page keeps its permanent navigation in landscape: the reader's and the conference's are by route.
        await page.goto(`/meetings/${meetingId}`);
        await page.getByTestId('meeting-title').waitFor();
        expect(await mainLeft(page)).toBeGreaterThan(200);
      }
      await page.goto(`/meetings/${meetingId}/documents/${documentId}`);
      // The reader's frame is enough for the layout (its pages draw on their own time).
      await page.getByTestId('reader-next').waitFor({ timeout: 30_000 });
      expect({ viewport, reader: await mainLeft(page) }).toEqual({ viewport, reader: 0 });
      await page.getByTestId('nav-toggle').click();
      await page.getByTestId('nav-home').waitFor();
      // A tap beside the drawer closes it, as on a phone.
      await page.locator('.mat-drawer-backdrop').click();
      await page.getByTestId('nav-home').waitFor({ state: 'hidden' });

      await page.goto(`/meetings/${meetingId}/conference`);
      await page.getByTestId('conference').waitFor();
      expect({ viewport, conference: await mainLeft(page) }).toEqual({ viewport, conference: 0 });
      await page.getByTestId('nav-toggle').waitFor();
      await page.context().close();
    }
  }, 90_000);

  it('the secretary’s meeting page is in tabs, every part one tap away, with 48 px row buttons', async () => {
    const secretary = await sessionCookie(server.baseUrl, 'thuky');
    const demoId = ((await api(server.baseUrl, secretary, 'GET', '/api/meetings/mine')) as { id: string; title: string }[]).find(
      (m) => m.title === DEMO_MEETING_TITLE,
    )?.id as string;
    // The demo meeting as a secretary prepares it: an agenda (one item with a sub-item) and a published report.
    for (const item of [
      { title: 'Báo cáo tình hình kinh tế - xã hội năm 2026', plannedMinutes: 30, presenter: 'Sở Kế hoạch và Đầu tư' },
      { title: 'Dự toán ngân sách địa phương năm 2027', plannedMinutes: 45, presenter: 'Sở Tài chính' },
      { title: 'Kết luận của Chủ tọa', plannedMinutes: 15 },
    ]) {
      await api(server.baseUrl, secretary, 'POST', `/api/meetings/${demoId}/agenda`, item);
    }
    const pdf = await makePdf({ title: 'Báo cáo kinh tế - xã hội năm 2026', pages: ['Phần I. Kết quả năm 2026'] });
    await publishedDocument(server.baseUrl, demoId, 'Báo cáo kinh tế - xã hội năm 2026', pdf);
    const page = await newPage('thuky', LANDSCAPE);
    await page.goto(`/meetings/${demoId}`);
    await page.getByTestId('meeting-tabs').waitFor();
    await page.getByTestId('agenda-item-0').waitFor();
    await shot(page, 'meeting-secretary');
    // Before: ≈ 2,400 px of one column. Now the agenda tab: the details, the agenda, the answers so far.
    const height = await heightOf(page.locator('#main-content'));
    console.log(`secretary's meeting page at 1280×800: ${Math.round(height)} px`);
    expect(height).toBeLessThan(1300);
    expect(await page.getByTestId('participants-add-open').isVisible()).toBe(false);

    await page.getByTestId('meeting-tab-participants').click();
    await page.getByTestId('participants-add-open').waitFor();
    expect(page.url()).toContain('tab=participants');
    expect(await page.getByTestId('agenda-item-0').isVisible()).toBe(false);
    // A reload opens the same tab.
    await page.reload();
    await page.getByTestId('participants-add-open').waitFor();
    await page.getByTestId('meeting-tab-documents').click();
    await page.getByTestId('meeting-documents').waitFor();
    await page.getByTestId('meeting-tab-session').click();
    await page.getByTestId('meeting-live').waitFor();
    await page.getByTestId('meeting-tab-votes').click();
    await page.getByTestId('meeting-votes-panel').waitFor();

    // Row buttons: agenda, roster, filters — 48 px like every other button, in portrait too.
    await page.setViewportSize(PORTRAIT);
    await page.getByTestId('meeting-tab-agenda').click();
    for (const id of ['agenda-add-sub-0', 'agenda-edit-0', 'agenda-more-0', 'agenda-handle-0']) {
      expect({ id, height: await heightOf(page.getByTestId(id)) }).toEqual({ id, height: 48 });
    }
    await page.getByTestId('meeting-tab-participants').click();
    const remove = page.locator('[data-testid^="roster-remove-"]').first();
    await remove.waitFor();
    expect(await heightOf(remove)).toBe(48);
    expect(await heightOf(page.getByTestId('roster-filter-attending'))).toBeGreaterThanOrEqual(48);
    // Nothing wider than the screen on any tab: tables and vote lists inside panels wrap or scroll in their panel.
    for (const tab of ['participants', 'agenda', 'documents', 'session', 'votes']) {
      await page.getByTestId(`meeting-tab-${tab}`).click();
      const overflow = await page.evaluate(() => {
        const content = document.querySelector('mat-sidenav-content') as HTMLElement;
        return content.scrollWidth - content.clientWidth;
      });
      expect({ tab, overflow }).toEqual({ tab, overflow: 0 });
    }
    await page.getByTestId('meeting-tab-participants').click();
    await shot(page, 'meeting-secretary-portrait-participants');
  }, 90_000);

  it('in portrait the users table keeps each row’s menu in view (the lock and reset items behind it)', async () => {
    const page = await newPage('quantri', PORTRAIT);
    await page.goto('/admin/users');
    const row = page.getByTestId('user-row-thuky');
    await row.waitFor();
    const menu = row.locator('td.col-actions button').last();
    const box = await menu.boundingBox();
    expect(box).not.toBeNull();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(PORTRAIT.width);
    expect(box?.height).toBe(48);
    await menu.click();
    await page.getByTestId('user-reset-thuky').waitFor();
    await shot(page, 'admin-users-portrait-menu');
    await page.keyboard.press('Escape');
  }, 60_000);

  it('conference: the site given the floor is told so, a muted site sees the host’s mute, and the console rows stay put', async () => {
    const host = await newPage('chutoa', PORTRAIT);
    const phuLoc = await newPage('diemcau.phuloc', PORTRAIT);
    const phuMy = await newPage('diemcau.phumy', PORTRAIT);
    for (const page of [host, phuLoc, phuMy]) {
      await page.goto(`/meetings/${meetingId}/conference`);
      await page.locator('[data-testid="conference"][data-state="live"]').waitFor({ timeout: 30_000 });
    }
    for (const s of sites) await host.locator(`[data-testid="conf-site-${s.id}"][data-state="live"]`).waitFor({ timeout: 20_000 });
    const peerOf = async (siteId: string) =>
      ((await host.locator(`[data-testid="conf-site-${siteId}"] [data-testid^="conf-mute-"]`).getAttribute('data-testid')) ?? '').replace('conf-mute-', '');
    const [loc, my] = [await peerOf(sites[0].id), await peerOf(sites[1].id)];
    expect(loc && my).toBeTruthy();
    const rows = await consoleRows(host);
    expect(rows.length).toBe(2);
    const stillInPlace = async (after: string) => expect({ after, rows: await consoleRows(host) }).toEqual({ after, rows });
    // The console's row buttons are 48 px too.
    expect(await heightOf(host.getByTestId(`conf-give-${loc}`))).toBeGreaterThanOrEqual(48);
    expect(await heightOf(host.getByTestId(`conf-mute-${loc}`))).toBe(48);

    // Sites start muted at the server: their microphone button says so and cannot add a mute of its own.
    for (const site of [phuLoc, phuMy]) {
      const mic = site.locator('[data-testid="conf-mic"][data-state="host-muted"]');
      await mic.waitFor();
      expect(await mic.textContent()).toContain('Chủ trì đã tắt micro');
      expect(await mic.isDisabled()).toBe(true);
    }

    // Phú Mỹ asks for the floor: the request shows in the console's box, the rows do not move.
    await phuMy.getByTestId('conf-hand').click();
    await host.getByTestId(`conf-queue-give-${my}`).waitFor();
    await host.locator(`[data-testid="conf-hand-${my}"].up`).waitFor();
    await stillInPlace('a hand raised');

    // The host gives it the floor: Phú Mỹ is told, prominently, and has no "Xin phát biểu" while it holds it.
    await host.getByTestId(`conf-queue-give-${my}`).click();
    const told = phuMy.getByTestId('conf-has-floor');
    await told.waitFor({ timeout: 10_000 });
    expect(await told.textContent()).toContain('Bạn đang có quyền phát biểu');
    expect(await phuMy.getByTestId('conf-floor-mine').textContent()).toContain('Bạn đang có quyền phát biểu');
    expect(await phuMy.getByTestId('conf-hand').count()).toBe(0);
    // Its microphone is open at the server, and its button says so.
    await phuMy.locator('[data-testid="conf-mic"][data-state="on"]').waitFor();
    expect(await phuLoc.getByTestId('conf-has-floor').count()).toBe(0);
    await host.locator(`[data-testid="conf-site-${sites[1].id}"] .has-floor`).waitFor();
    await stillInPlace('the floor given');
    await shot(phuMy, 'conference-site-has-floor');

    // The host unmutes Phú Lộc: its button follows; muted again: back to the host's mute.
    await host.getByTestId(`conf-mute-${loc}`).click();
    await phuLoc.locator('[data-testid="conf-mic"][data-state="on"]').waitFor({ timeout: 10_000 });
    expect(await phuLoc.getByTestId('conf-mic').textContent()).toContain('Micro');
    await stillInPlace('a site unmuted');
    await host.getByTestId(`conf-mute-${loc}`).click();
    await phuLoc.locator('[data-testid="conf-mic"][data-state="host-muted"]').waitFor({ timeout: 10_000 });
    await stillInPlace('a site muted');

    // The floor to Phú Lộc: Phú Mỹ is muted again and may ask once more.
    await host.getByTestId(`conf-give-${loc}`).click();
    await phuLoc.getByTestId('conf-has-floor').waitFor({ timeout: 10_000 });
    await phuMy.getByTestId('conf-hand').waitFor({ timeout: 10_000 });
    expect(await phuMy.getByTestId('conf-has-floor').count()).toBe(0);
    await phuMy.locator('[data-testid="conf-mic"][data-state="host-muted"]').waitFor();
    await stillInPlace('the floor moved');

    // The host's console in landscape, for the user guide.
    await host.setViewportSize(LANDSCAPE);
    await host.locator(`[data-testid="conf-quality-${loc}"][data-quality="good"]`).waitFor({ timeout: 15_000 });
    await shot(host, 'conference-host');
  }, 150_000);
});
