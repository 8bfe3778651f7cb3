import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { api } from './support/conference';
import { DEMO_MEETING_TITLE as MEETING_TITLE, newPage, prepareLiveMeeting } from './support/live-meeting';
import { type RunningServer, startServer } from './support/server';
import { login, sessionCookie } from './support/session';
import { shot } from './support/shots';

const SITE_NAME = 'Điểm cầu UBND huyện Phú Lộc';

const markDocument = (page: Page) => page.evaluate(() => ((window as unknown as { __phMark: number }).__phMark = 7));
const stillSameDocument = (page: Page) => page.evaluate(() => (window as unknown as { __phMark?: number }).__phMark === 7);
/** The display's conference video is playing: it has a picture and its time moves on past `after` seconds. */
const videoPlaying = (page: Page, after = 0) =>
  page.waitForFunction(
    (since) => {
      const v = document.querySelector('[data-testid="display-conference-video"]') as HTMLVideoElement | null;
      return !!v && v.videoWidth > 0 && v.currentTime > since && !v.closest('[hidden]');
    },
    after,
    { timeout: 30_000 },
  );

/**
 * One floor for the hall and the sites, in Chromium with a fake camera: a district site joins the conference,
 * confirms its roll call (quorum reached with the hall), raises its hand onto the one speakers list; the chair gives
 * it the floor on the live panel, so its microphone opens at the SFU and the hall's display shows its video with the
 * countdown; the next item; then the API restarts and the site's floor, the display's picture and every screen come
 * back without a reload.
 */
describe('live meeting with a conference site and the hall display', () => {
  let server: RunningServer;
  let chromium: { browser: Browser; close(): Promise<void> };
  const contexts: BrowserContext[] = [];
  let meetingId: string;
  let itemIds: string[];
  let displayPath: string;
  let userIds: Record<string, string>;
  const pages = {} as Record<'chair' | 'site' | 'display', Page>;

  beforeAll(async () => {
    server = await startServer({ CONFERENCE_LISTEN_IP: '127.0.0.1', CONFERENCE_WORKERS: '2' });
    chromium = await launchChromium({ media: true });
    ({ meetingId, itemIds, displayPath, userIds } = await prepareLiveMeeting(server.baseUrl, [
      { title: 'Báo cáo tình hình kinh tế - xã hội năm 2026', plannedMinutes: 20 },
      { title: 'Dự toán ngân sách địa phương năm 2027', plannedMinutes: 20 },
    ]));
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await chromium?.close();
    await server?.stop();
  });

  it('the site confirms its roll call and gets the floor from the chair: live microphone at the SFU, its video on the display', async () => {
    const context = (viewport?: { width: number; height: number }) => newPage(chromium.browser, server.baseUrl, contexts, viewport);
    pages.display = await context({ width: 1920, height: 1080 });
    await pages.display.goto(displayPath);
    await pages.display.getByTestId('display-title').filter({ hasText: MEETING_TITLE }).waitFor();

    pages.chair = await context();
    await login(pages.chair, 'chutoa');
    await pages.chair.goto(`/meetings/${meetingId}`);
    await pages.chair.getByTestId('live-start').click();
    await pages.chair.locator('[data-testid="live-panel"][data-phase="in_session"]').waitFor();
    await pages.chair.getByTestId(`live-open-${itemIds[0]}`).click();
    // The chair is in the hall: checked in with the hall's code.
    const chairCookie = await sessionCookie(server.baseUrl, 'chutoa');
    const { code } = await api(server.baseUrl, chairCookie, 'GET', `/api/meetings/${meetingId}/check-in-code`);
    await api(server.baseUrl, chairCookie, 'POST', `/api/meetings/${meetingId}/check-in`, { code });

    // The district site joins the conference with its (fake) camera and confirms who is present there.
    pages.site = await context({ width: 1280, height: 720 });
    await login(pages.site, 'diemcau.phuloc');
    await pages.site.goto(`/meetings/${meetingId}/conference`);
    await pages.site.locator('[data-testid="conference"][data-state="live"]').waitFor({ timeout: 30_000 });
    await pages.site.getByTestId('conf-muted-by-host').waitFor();
    await pages.site.getByTestId('conf-roll-call').click();
    await pages.site.getByTestId(`conf-roll-call-${userIds['daibieu']}`).click();
    await pages.site.getByTestId('conf-roll-call-confirm').click();
    // Quorum: the chair in the hall and the delegate at the site — both members present, counted apart.
    for (const [page, id] of [
      [pages.chair, 'live-quorum'],
      [pages.display, 'display-quorum'],
    ] as const) {
      await page.locator(`[data-testid="${id}"][data-reached="true"][data-present="2"]`).waitFor();
    }
    await pages.site.locator('[data-testid="conf-roll-call"]').filter({ hasText: '1' }).waitFor();

    // The site raises its hand: it is on the one speakers list the chair runs.
    await pages.site.getByTestId('conf-hand').click();
    const row = pages.chair.locator(`[data-testid="live-queue"] li[data-user-id="${userIds['diemcau.phuloc']}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(SITE_NAME);
    const requestId = ((await row.getAttribute('data-testid')) as string).replace('live-request-', '');
    await pages.chair.getByTestId(`live-give-${requestId}`).click();

    // The SFU follows: the site's microphone is opened by the server (no more "muted by host")...
    await pages.site.getByTestId('conf-muted-by-host').waitFor({ state: 'detached', timeout: 15_000 });
    // ...and the display shows the site as the speaker, its video and the countdown.
    await pages.display.locator(`[data-testid="display-speaker"][data-user-id="${userIds['diemcau.phuloc']}"]`).waitFor();
    await videoPlaying(pages.display);
    expect(await pages.display.getByTestId('display-conference-stage').getAttribute('data-peer')).toBeTruthy();
    const start = Number(await pages.display.getByTestId('display-countdown').getAttribute('data-remaining'));
    await pages.display.waitForFunction(
      (before) => Number(document.querySelector('[data-testid="display-countdown"]')?.getAttribute('data-remaining')) < before,
      start,
      { timeout: 5000 },
    );
    await shot(pages.display, 'live-display-site-video');
    await shot(pages.site, 'live-site-conference');

    // The chair moves on to the next item; the display follows.
    await pages.chair.getByTestId(`live-open-${itemIds[1]}`).click();
    await pages.display.locator(`[data-testid="display-item"][data-item-id="${itemIds[1]}"]`).waitFor();
  }, 150_000);

  it('after the API restarts, the site has the floor again and the display its picture, without a reload', async () => {
    const { site, display, chair } = pages;
    for (const page of Object.values(pages)) await markDocument(page);
    const oldPeer = await display.getByTestId('display-conference-stage').getAttribute('data-peer');
    // Note every sign of the restart: the display's link and the site's conference drop, the picture goes away.
    await display.evaluate(() => {
      const w = window as unknown as { __phSeen: Set<string> };
      w.__phSeen = new Set();
      const screen = document.querySelector('[data-testid="display"]') as HTMLElement;
      const stage = document.querySelector('[data-testid="display-conference-stage"]') as HTMLElement;
      new MutationObserver(() => {
        if (screen.getAttribute('data-link') !== 'live') w.__phSeen.add('link');
        if (stage.hasAttribute('hidden')) w.__phSeen.add('picture');
      }).observe(document.body, { attributes: true, subtree: true, attributeFilter: ['data-link', 'hidden'] });
    });
    await site.evaluate(() => {
      const w = window as unknown as { __phSeen: Set<string> };
      w.__phSeen = new Set();
      const conf = document.querySelector('[data-testid="conference"]') as HTMLElement;
      new MutationObserver(() => {
        if (conf.getAttribute('data-state') !== 'live') w.__phSeen.add('state');
      }).observe(conf, { attributes: true, attributeFilter: ['data-state'] });
    });
    await server.restart();
    const seen = (page: Page, what: string) => page.waitForFunction((w) => (window as unknown as { __phSeen: Set<string> }).__phSeen.has(w), what, { timeout: 30_000 });
    await seen(display, 'link');
    await seen(display, 'picture');
    await seen(site, 'state');

    // The floor belongs to the participant: the site's rebuilt conference (a new peer) gets it back, microphone open...
    await site.locator('[data-testid="conference"][data-state="live"]').waitFor({ timeout: 30_000 });
    await display.locator('[data-testid="display"][data-link="live"]').waitFor({ timeout: 30_000 });
    await display.waitForFunction(
      (old) => {
        const stage = document.querySelector('[data-testid="display-conference-stage"]');
        const peer = stage?.getAttribute('data-peer');
        return !!peer && peer !== old && !stage?.hasAttribute('hidden');
      },
      oldPeer,
      { timeout: 45_000 },
    );
    await site.getByTestId('conf-muted-by-host').waitFor({ state: 'detached', timeout: 15_000 });
    // ...and the display shows the same speaker, item and a moving picture again.
    await display.locator(`[data-testid="display-speaker"][data-user-id="${userIds['diemcau.phuloc']}"]`).waitFor();
    await display.locator(`[data-testid="display-item"][data-item-id="${itemIds[1]}"]`).waitFor();
    await videoPlaying(display, 0.2);
    await chair.locator(`[data-testid="live-speaker"][data-user-id="${userIds['diemcau.phuloc']}"]`).waitFor();
    for (const page of Object.values(pages)) expect(await stillSameDocument(page)).toBe(true);
  }, 150_000);
});
