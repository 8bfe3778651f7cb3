import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { api, publishedDocument } from './support/conference';
import { newPage as pageIn, createDelegates, prepareLiveMeeting } from './support/live-meeting';
import { makePdf, reportPages } from './support/pdf-fixtures';
import { type RunningServer, startServer } from './support/server';
import { login, sessionCookie } from './support/session';
import { shot } from './support/shots';

const SECOND_DELEGATE = { username: 'daibieu.trinh', fullName: 'Hồ Thị Trinh', title: 'Giám đốc Sở Tư pháp' };

/**
 * Presenter mode (trình chiếu) in Chromium, against the production build: the chair presents a document from the
 * reader, turns pages and draws live ink; two delegates and a site (điểm cầu Phú Lộc, its operator's PC) follow
 * from the meeting page's banner, one delegate detaches and rejoins; the hall display shows the presented page.
 * Every wait is on a condition.
 */
describe('presenter mode in Chromium', () => {
  let server: RunningServer;
  let chromium: { browser: Browser; close(): Promise<void> };
  const contexts: BrowserContext[] = [];
  let meetingId: string;
  let documentId: string;
  let displayPath: string;
  const pages = {} as Record<'chair' | 'd1' | 'd2' | 'site' | 'display', Page>;
  const newPage = (viewport?: { width: number; height: number }) => pageIn(chromium.browser, server.baseUrl, contexts, viewport);
  /** The page a follower's reader shows now / the page the presentation is at, as the reader's strip says. */
  const readerAt = (page: Page, n: number) => page.locator(`ph-presenter-bar [data-reader-page="${n}"]`).waitFor({ timeout: 15_000 });
  const bannerAt = (page: Page, n: number) => page.locator(`[data-testid="presenting-banner"][data-page="${n}"]`).waitFor({ timeout: 15_000 });

  beforeAll(async () => {
    server = await startServer();
    chromium = await launchChromium();
    const base = server.baseUrl;
    const secretary = await sessionCookie(base, 'thuky');
    const setup = await prepareLiveMeeting(base, [{ title: 'Báo cáo kinh tế - xã hội', plannedMinutes: 20 }]);
    ({ meetingId, displayPath } = setup);
    // A second delegate, who has set their own password, invited to the meeting.
    const [secondId] = await createDelegates(base, [SECOND_DELEGATE]);
    await api(base, secretary, 'POST', `/api/meetings/${meetingId}/participants`, { meetingRole: 'delegate', userIds: [secondId] });
    const pdf = await makePdf({ title: 'Báo cáo kinh tế - xã hội năm 2026', pages: reportPages() });
    documentId = await publishedDocument(base, meetingId, 'Báo cáo kinh tế - xã hội năm 2026', pdf);
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await chromium?.close();
    await server?.stop();
  });

  it('the chair presents from the reader; two delegates and a site follow from the meeting page', async () => {
    pages.display = await newPage({ width: 1920, height: 1080 });
    await pages.display.goto(displayPath);
    await pages.display.getByTestId('display-title').waitFor();

    pages.chair = await newPage();
    await login(pages.chair, 'chutoa');
    await pages.chair.goto(`/meetings/${meetingId}/documents/${documentId}?page=1`);
    await pages.chair.getByTestId('reader-page-1').waitFor({ timeout: 20_000 });
    await pages.chair.getByTestId('present-start').click();
    await bannerAt(pages.chair, 1);
    await pages.chair.getByTestId('present-stop').waitFor();

    for (const [key, username] of [['d1', 'daibieu'], ['d2', SECOND_DELEGATE.username], ['site', 'diemcau.phuloc']] as const) {
      // The site follows on its operator's PC, which also feeds the site's projector.
      const page = await newPage(key === 'site' ? { width: 1280, height: 800 } : undefined);
      pages[key] = page;
      await login(page, username);
      await page.goto(`/meetings/${meetingId}`);
      await bannerAt(page, 1);
      expect(await page.getByTestId('presenting-banner').getAttribute('data-document-id')).toBe(documentId);
      // Delegates may not present while someone else does, nor stop it.
      expect(await page.getByTestId('present-start').count()).toBe(0);
      await page.getByTestId('present-follow').click();
      await page.waitForURL(`**/meetings/${meetingId}/documents/${documentId}?page=1`);
      await page.getByTestId('present-detach').waitFor({ timeout: 20_000 });
      await readerAt(page, 1);
      expect(await page.getByTestId('present-stop').count()).toBe(0);
    }
    await pages.display.locator('[data-testid="display-presentation"][data-page="1"]').waitFor({ timeout: 15_000 });
  });

  it('page turns and live ink reach the followers', async () => {
    const { chair, d1, d2, site } = pages;
    await chair.getByTestId('reader-thumb-2').click();
    await bannerAt(chair, 2);
    for (const page of [d1, d2, site]) {
      await bannerAt(page, 2);
      await readerAt(page, 2);
    }

    await chair.getByTestId('present-pen').click();
    await chair.locator('[data-testid="present-pen"][aria-pressed="true"]').waitFor();
    // The thumbnail's smooth scroll may still run after the banner turned: draw once page 2 stands still in view.
    await chair.waitForFunction(
      () => {
        const w = window as unknown as { __page2Top?: number };
        const top = document.querySelector('.ph-reader-page[data-page="2"]')?.getBoundingClientRect().top;
        const still = top !== undefined && top === w.__page2Top && top >= 0 && top < window.innerHeight / 2;
        w.__page2Top = top;
        return still;
      },
      null,
      { polling: 100, timeout: 15_000 },
    );
    const box = await chair.locator('.ph-reader-page[data-page="2"] ph-presenter-ink').boundingBox();
    if (!box) throw new Error('no ink surface on page 2');
    const x = box.x + box.width * 0.2;
    const y = box.y + Math.min(box.height, 600) * 0.3;
    await chair.mouse.move(x, y);
    await chair.mouse.down();
    for (let i = 1; i <= 20; i++) await chair.mouse.move(x + i * 12, y + i * 4);
    await chair.mouse.up();
    for (const [who, page] of Object.entries({ chair, d1, d2, site })) {
      await page
        .locator('[data-testid="present-ink-layer"][data-strokes="1"]')
        .waitFor({ timeout: 15_000 })
        .catch((e: Error) => {
          throw new Error(`${who}: no stroke on screen (${e.message})`);
        });
    }
    // The stroke arrived whole (points batched after the first): the follower draws the presenter's path.
    const pathOf = (page: Page) => page.locator('[data-testid="present-ink-layer"] path').getAttribute('d');
    const drawnPath = await pathOf(chair);
    expect((drawnPath ?? '').split('L').length).toBeGreaterThan(5);
    for (const page of [d1, d2, site]) await page.waitForFunction((d) => document.querySelector('[data-testid="present-ink-layer"] path')?.getAttribute('d') === d, drawnPath, { timeout: 15_000 });
    await pages.display.locator('[data-testid="display-presentation"][data-page="2"] [data-testid="present-ink-layer"][data-strokes="1"]').waitFor({ timeout: 15_000 });
    // The display draws the page itself, from its own file route (its token, no session).
    await pages.display.locator('[data-testid="display-presentation"] [data-testid="conf-presented-page"][data-state="drawn"][data-page="2"]').waitFor({ timeout: 15_000 });
    await shot(d1, 'presenter-follower-ink');

    await chair.getByTestId('present-clear').click();
    for (const page of [chair, d1]) await page.locator('[data-testid="present-ink-layer"][data-strokes="0"]').waitFor({ timeout: 15_000 });
    await chair.getByTestId('present-pen').click();
  });

  it('a delegate detaches and stays on their page, then rejoins at the presented page; the display follows', async () => {
    const { chair, d1, d2, site, display } = pages;
    await d2.getByTestId('present-detach').click();
    await d2.getByTestId('present-rejoin').waitFor();
    await chair.getByTestId('reader-thumb-3').click();
    await bannerAt(chair, 3);
    await readerAt(d1, 3);
    await readerAt(site, 3);
    // The detached delegate sees where the presentation is, but stays on page 2.
    await bannerAt(d2, 3);
    await readerAt(d2, 2);
    await display.locator('[data-testid="display-presentation"][data-page="3"]').waitFor({ timeout: 15_000 });
    await shot(display, 'presenter-display');
    await d2.getByTestId('present-rejoin').click();
    await readerAt(d2, 3);
    await d2.getByTestId('present-detach').waitFor();

    await chair.getByTestId('present-stop').click();
    for (const page of [chair, d1, d2, site, display]) await page.locator('[data-testid="presenting-banner"], [data-testid="display-presentation"]').first().waitFor({ state: 'detached', timeout: 15_000 });
    await chair.getByTestId('present-start').waitFor();
  });
});
