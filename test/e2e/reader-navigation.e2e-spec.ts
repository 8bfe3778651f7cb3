import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { launchChromium, tabletContext } from './support/browser';
import { makePdf, reportPages } from './support/pdf-fixtures';
import { type RunningServer, startServer } from './support/server';
import { login, sessionCookie } from './support/session';
import { shot } from './support/shots';

jest.setTimeout(120_000);

const DEMO_MEETING = 'Phiên họp thường kỳ UBND tỉnh tháng 12 năm 2026';
/** A long outline, so that in portrait it has to scroll inside the sidebar. */
const OUTLINE = [
  'I. Tình hình kinh tế - xã hội của tỉnh trong năm 2026',
  'II. Thu chi ngân sách nhà nước trên địa bàn',
  'III. Đầu tư công và giải ngân vốn',
  'IV. Kiến nghị, đề xuất',
  ...Array.from({ length: 26 }, (_, i) => `Phụ lục ${String(i + 1).padStart(2, '0')}: số liệu chi tiết`),
];

async function call<T>(baseUrl: string, cookie: string, method: string, path: string, body?: unknown): Promise<T> {
  const bytes = body instanceof Uint8Array;
  const res = await fetch(baseUrl + path, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': bytes ? 'application/octet-stream' : 'application/json' }) },
    body: body === undefined ? undefined : bytes ? (body as Uint8Array<ArrayBuffer>) : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** Waits for the page indicator to read "Trang n/4". */
const indicatorAt = (page: Page, n: number) =>
  page.waitForFunction((want) => document.querySelector('[data-testid="reader-page-indicator"]')?.textContent?.trim() === `Trang ${want}/4`, n, { timeout: 15_000 });

/**
 * Waits until the indicator reads "Trang n/4" AND page n fills most of the reader's view — what a reader would call
 * "the page I am on" — i.e. the turn's scrolling has landed on the page the indicator names.
 */
const settledAt = (page: Page, n: number) =>
  page.waitForFunction(
    (want) => {
      const view = document.querySelector('.ph-reader-scroll')?.getBoundingClientRect();
      let best = 0;
      let most = 0;
      for (const el of document.querySelectorAll<HTMLElement>('.ph-reader-page[data-page]')) {
        const box = el.getBoundingClientRect();
        const seen = view ? Math.min(box.bottom, view.bottom) - Math.max(box.top, view.top) : 0;
        if (seen > most) [most, best] = [seen, Number(el.dataset['page'])];
      }
      return best === want && document.querySelector('[data-testid="reader-page-indicator"]')?.textContent?.trim() === `Trang ${want}/4`;
    },
    n,
    { timeout: 15_000 },
  );

/** Opens or closes the sidebar (it starts open on a wide screen and stays as it is through a rotation). */
async function sidebar(page: Page, open: boolean): Promise<void> {
  const toggle = page.getByTestId('reader-sidebar-toggle');
  if ((await toggle.getAttribute('aria-pressed')) !== String(open)) await toggle.click();
  await page.getByTestId('reader-sidebar').waitFor({ state: open ? 'visible' : 'detached' });
}

/** "Vừa chiều rộng": a toolbar button on a wide reader, an item of the "⋮" menu on a narrow one. */
async function fitWidth(page: Page): Promise<void> {
  if (await page.getByTestId('reader-fit-width').isVisible()) return page.getByTestId('reader-fit-width').click();
  await page.getByTestId('reader-more').click();
  await page.getByTestId('reader-menu-fit-width').click();
}

/** A quick one-finger horizontal swipe across the middle of the reader, as real touch input (CDP). */
async function swipe(cdp: CDPSession, page: Page, direction: 'left' | 'right'): Promise<void> {
  const box = await page.locator('.ph-reader-scroll').boundingBox();
  if (!box) throw new Error('no reader');
  const y = box.y + box.height / 2;
  const from = direction === 'left' ? box.x + box.width * 0.75 : box.x + box.width * 0.25;
  const step = (direction === 'left' ? -1 : 1) * (box.width * 0.5) / 6;
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: from, y }] });
  for (let i = 1; i <= 6; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: from + i * step, y: y + i }] });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

/**
 * Turning pages in the reader, in real Chromium: the ‹ › buttons, the keyboard and a swipe (which draws instead while
 * an annotation tool is in hand); a tablet in portrait keeps the toolbar on one row and the outline inside its panel,
 * and after a rotation the indicator still names the page on screen.
 */
describe('reader navigation in Chromium', () => {
  let server: RunningServer;
  let chromium: { browser: Browser; close(): Promise<void> };
  let meetingId: string;
  let docId: string;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    chromium = await launchChromium();
    const secretary = await sessionCookie(server.baseUrl, 'thuky');
    const mine = await call<{ id: string; title: string }[]>(server.baseUrl, secretary, 'GET', '/api/meetings/mine');
    meetingId = mine.find((m) => m.title === DEMO_MEETING)?.id ?? '';
    expect(meetingId).not.toBe('');
    const pdf = new Uint8Array(await makePdf({ title: 'Báo cáo kinh tế - xã hội năm 2026', pages: reportPages(), outline: OUTLINE }));
    const started = await call<{ uploadId: string }>(server.baseUrl, secretary, 'POST', `/api/meetings/${meetingId}/uploads`, { fileName: 'bao-cao.pdf', sizeBytes: pdf.length });
    await call(server.baseUrl, secretary, 'PUT', `/api/uploads/${started.uploadId}?offset=0`, pdf);
    docId = (await call<{ id: string }>(server.baseUrl, secretary, 'POST', `/api/uploads/${started.uploadId}/complete`, { title: 'Báo cáo kinh tế - xã hội năm 2026' })).id;
    await call(server.baseUrl, secretary, 'POST', `/api/documents/${docId}/publish`);

    context = await tabletContext(chromium.browser, server.baseUrl);
    page = await context.newPage();
    await login(page, 'daibieu');
  });
  afterAll(async () => {
    await context?.close();
    await chromium?.close();
    await server?.stop();
  });

  it('on a link straight to a document, index.html starts pdf.js\' worker, the app hands it to pdf.js, and the CSP allows it', async () => {
    await context.addInitScript(() => {
      const w = window as unknown as { __workers: { url: string; state: string }[]; __csp: string[] };
      w.__workers = [];
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
      const Native = window.Worker;
      window.Worker = class extends Native {
        constructor(url: string | URL, options?: WorkerOptions) {
          super(url, options);
          w.__workers.push({ url: String(url), state: document.readyState });
        }
      };
    });
    await page.goto(`/meetings/${meetingId}/documents/${docId}`);
    await page.locator('[data-testid="reader-page-1"][data-drawn="pdf"]').waitFor({ timeout: 30_000 });
    const seen = await page.evaluate(() => {
      const w = window as unknown as { __workers: { url: string; state: string }[]; __csp: string[] };
      return { __workers: w.__workers, __csp: w.__csp };
    });
    // Still parsing index.html: its inline script, not the app's bundle (which runs once parsing is done).
    expect(seen.__workers).toEqual([{ url: 'pdfjs/pdf.worker.min.mjs', state: 'loading' }]);
    expect(seen.__csp).toEqual([]);
    expect(await page.evaluate(() => 'phonghopPdfWorker' in window)).toBe(false);
  });

  it('on a link straight to a document, page 1 is on screen before the app starts, where the reader then has it', async () => {
    type Rect = { x: number; y: number; width: number };
    await context.addInitScript(() => {
      const w = window as unknown as { __early: (Rect & { appStarted: boolean }) | null; __taken: Rect | null };
      w.__early = null;
      w.__taken = null;
      const rect = (el: Element) => {
        const r = el.getBoundingClientRect();
        return { x: Math.round(r.left), y: Math.round(r.top), width: Math.round(r.width) };
      };
      new MutationObserver(() => {
        const box = document.getElementById('ph-reader-early-page');
        if (!w.__early && box?.dataset['drawn'] === 'pdf') w.__early = { ...rect(box), appStarted: !!document.querySelector('ph-root [data-testid]') };
        const own = document.querySelector('ph-root [data-testid="reader-page-1"][data-drawn="pdf"]');
        if (!w.__taken && own) w.__taken = rect(own);
      }).observe(document, { subtree: true, childList: true, attributes: true });
    });
    // A document not yet saved on this tablet (the one above is, by now: its copy opens with a notice above it).
    const secretary = await sessionCookie(server.baseUrl, 'thuky');
    const upload = async (title: string) => {
      const pdf = new Uint8Array(await makePdf({ title, pages: reportPages() }));
      const started = await call<{ uploadId: string }>(server.baseUrl, secretary, 'POST', `/api/meetings/${meetingId}/uploads`, { fileName: 'to-trinh.pdf', sizeBytes: pdf.length });
      await call(server.baseUrl, secretary, 'PUT', `/api/uploads/${started.uploadId}?offset=0`, pdf);
      const id = (await call<{ id: string }>(server.baseUrl, secretary, 'POST', `/api/uploads/${started.uploadId}/complete`, { title })).id;
      await call(server.baseUrl, secretary, 'POST', `/api/documents/${id}/publish`);
      return id;
    };
    const fresh = await upload('Tờ trình');
    const open = async (id = fresh) => {
      await page.goto(`/meetings/${meetingId}/documents/${id}`);
      await page.locator('ph-root [data-testid="reader-page-1"][data-drawn="pdf"]').waitFor({ timeout: 30_000 });
      // Taken over: one page 1, the reader's.
      await page.locator('#ph-reader-early-page').waitFor({ state: 'detached' });
      expect(await page.locator('ph-root [data-testid="reader-page-1"] canvas').count()).toBe(1);
      return page.evaluate(() => {
        const w = window as unknown as { __early: (Rect & { appStarted: boolean }) | null; __taken: Rect | null };
        return { early: w.__early, taken: w.__taken };
      });
    };
    // The first open on this device: the place comes from the layout's rule, and the reader puts page 1 right there.
    await page.evaluate(() => localStorage.removeItem('phonghop.reader.fitWidth'));
    const first = await open();
    expect(first.early).toEqual({ ...first.taken, appStarted: false });
    // The same on a tablet in portrait (no side panel, one row of tools).
    await page.setViewportSize({ width: 820, height: 1180 });
    try {
      const portrait = await open(await upload('Tờ trình (dọc)'));
      expect(portrait.early).toEqual({ ...portrait.taken, appStarted: false });
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
    // Once the document is saved on the tablet, the reader opens that copy with a notice above the pages: no box.
    await page.goto(`/meetings/${meetingId}/documents`);
    await page.getByTestId(`doc-offline-${fresh}`).waitFor({ timeout: 60_000 });
    const saved = await open();
    expect(saved.early).toBeNull();
    await page.getByTestId('reader-offline-banner').waitFor();
  });

  it('a signed-out link straight to a document leaves no page 1 over the login page', async () => {
    const guest = await tabletContext(chromium.browser, server.baseUrl);
    try {
      const p = await guest.newPage();
      await p.goto(`/meetings/${meetingId}/documents/${docId}`);
      await p.waitForURL(/\/login/, { timeout: 30_000 });
      await p.locator('#ph-reader-early-page').waitFor({ state: 'detached' });
      expect(await p.locator('#ph-reader-early-page').count()).toBe(0);
    } finally {
      await guest.close();
    }
  });

  it('turns pages with ‹ ›, PageUp/PageDown, the arrows, Home/End and a swipe', async () => {
    await page.goto(`/meetings/${meetingId}/documents/${docId}`);
    await page.locator('[data-testid="reader-page-1"][data-drawn="pdf"]').waitFor({ timeout: 30_000 });
    await indicatorAt(page, 1);
    expect(await page.getByTestId('reader-prev').isDisabled()).toBe(true);

    await page.getByTestId('reader-next').click();
    await settledAt(page, 2);
    await page.keyboard.press('ArrowRight');
    await indicatorAt(page, 3);
    await page.keyboard.press('PageDown');
    await indicatorAt(page, 4);
    expect(await page.getByTestId('reader-next').isDisabled()).toBe(true);
    await page.getByTestId('reader-prev').click();
    await indicatorAt(page, 3);
    await page.keyboard.press('PageUp');
    await indicatorAt(page, 2);
    await page.keyboard.press('ArrowLeft');
    await indicatorAt(page, 1);
    await page.keyboard.press('End');
    await indicatorAt(page, 4);
    await page.keyboard.press('Home');
    await indicatorAt(page, 1);
    // Two quick taps go two pages on, even while the first turn is still scrolling.
    await page.getByTestId('reader-next').click();
    await page.getByTestId('reader-next').click();
    await settledAt(page, 3);

    // Typing in the search box is typing, not turning pages.
    await page.getByTestId('reader-search-input').click();
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(() => (document.activeElement as HTMLElement | null)?.dataset['testid'] === 'reader-search-input');
    expect(await page.getByTestId('reader-page-indicator').textContent()).toContain('3/4');

    const cdp = await context.newCDPSession(page);
    await swipe(cdp, page, 'left');
    await settledAt(page, 4);
    // A swipe to the right turns back; it is not the browser's "back" (the reader stays).
    await swipe(cdp, page, 'right');
    await settledAt(page, 3);
    expect(page.url()).toContain(`/documents/${docId}`);
    await shot(page, 'reader-navigation-landscape');

    // Two fingers still pinch-zoom (and turn nothing); zoomed in, the arrows scroll sideways instead of turning.
    const pageWidth = () => page.locator('.ph-reader-page[data-page="3"]').evaluate((el) => el.getBoundingClientRect().width);
    const before = await pageWidth();
    const box = await page.locator('.ph-reader-scroll').boundingBox();
    if (!box) throw new Error('no reader');
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: cx - 40, y: cy, id: 1 }, { x: cx + 40, y: cy, id: 2 }] });
    for (let i = 1; i <= 6; i++) {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: cx - 40 - i * 10, y: cy, id: 1 }, { x: cx + 40 + i * 10, y: cy, id: 2 }] });
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await page.waitForFunction((w) => (document.querySelector('.ph-reader-page[data-page="3"]')?.getBoundingClientRect().width ?? 0) > w * 1.5, before);
    await settledAt(page, 3);
    const left = await page.locator('.ph-reader-scroll').evaluate((el) => el.scrollLeft);
    await page.locator('.ph-reader-scroll').focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((x) => (document.querySelector('.ph-reader-scroll')?.scrollLeft ?? 0) > x, left);
    expect(await page.getByTestId('reader-page-indicator').textContent()).toContain('3/4');
    await fitWidth(page);
    await page.waitForFunction((w) => Math.abs((document.querySelector('.ph-reader-page[data-page="3"]')?.getBoundingClientRect().width ?? 0) - w) < 2, before);
    await settledAt(page, 3);
  });

  it('with the annotation pen in hand a swipe draws a stroke instead of turning the page', async () => {
    await page.getByTestId('annot-toggle').click();
    await page.getByTestId('annot-toolbar').waitFor();
    await page.getByTestId('annot-tool-pen').click();
    await page.locator('[data-testid="annot-tool-pen"][aria-pressed="true"]').waitFor();
    await page.locator('.ph-reader-scroll[data-swipe="false"]').waitFor();
    const cdp = await context.newCDPSession(page);
    await swipe(cdp, page, 'left');
    await page.locator('[data-testid="annot-layer-3"] [data-kind="ink"]').first().waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('reader-page-indicator').textContent()).toContain('3/4');
    // Pen down again: swiping turns pages once more.
    await page.getByTestId('annot-tool-pen').click();
    await page.locator('.ph-reader-scroll[data-swipe="true"]').waitFor();
    await swipe(cdp, page, 'left');
    await settledAt(page, 4);
    await page.getByTestId('annot-toggle').click();
    await page.getByTestId('annot-toolbar').waitFor({ state: 'detached' });
  });

  it('in portrait the toolbar is one row and the outline scrolls in its panel; a rotation keeps the page and its indicator', async () => {
    await page.setViewportSize({ width: 820, height: 1180 });
    await sidebar(page, false);
    await page.keyboard.press('Home');
    await settledAt(page, 1);
    await page.getByTestId('reader-next').click();
    await page.getByTestId('reader-next').click();
    await settledAt(page, 3);

    // One row: every control of the bar is centred on the same line, and the bar is one control high.
    const bar = await page.evaluate(() => {
      const el = document.querySelector('.ph-reader-bar') as HTMLElement;
      const centres = [...el.querySelectorAll<HTMLElement>('button, a, input')]
        .filter((c) => c.offsetParent !== null && c.getBoundingClientRect().width > 0)
        .map((c) => {
          const box = c.getBoundingClientRect();
          return box.top + box.height / 2;
        });
      return { height: el.getBoundingClientRect().height, spread: Math.max(...centres) - Math.min(...centres), count: centres.length };
    });
    expect(bar.count).toBeGreaterThanOrEqual(5);
    expect(bar.spread).toBeLessThanOrEqual(4);
    expect(bar.height).toBeLessThanOrEqual(72);
    // Zoom is in the "more" menu at this width.
    expect(await page.getByTestId('reader-zoom-in').isVisible()).toBe(false);
    await page.getByTestId('reader-more').click();
    await page.getByTestId('reader-menu-zoom-in').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="reader-menu-zoom"]')?.textContent?.includes('125%'));
    await page.getByTestId('reader-menu-fit-width').click();
    await page.getByTestId('reader-menu-fit-width').waitFor({ state: 'detached' });
    await settledAt(page, 3);
    await page.waitForFunction(() => document.querySelector('[data-testid="reader-page-3"]'));
    await shot(page, 'reader-tablet-portrait');

    await sidebar(page, true);
    await page.getByTestId('reader-outline-tab').click();
    await page.getByTestId('reader-outline').waitFor();
    const outline = await page.evaluate(() => {
      const nav = document.querySelector('[data-testid="reader-outline"]') as HTMLElement;
      const side = (document.querySelector('[data-testid="reader-sidebar"]') as HTMLElement).getBoundingClientRect();
      nav.scrollTop = nav.scrollHeight;
      const box = nav.getBoundingClientRect();
      const tabs = (document.querySelector('.ph-reader-tabs') as HTMLElement).getBoundingClientRect();
      return { scrolls: nav.scrollHeight > nav.clientHeight, scrolled: nav.scrollTop > 0, inside: box.bottom <= side.bottom + 1, tabsShown: tabs.top >= side.top - 1 };
    });
    expect(outline).toEqual({ scrolls: true, scrolled: true, inside: true, tabsShown: true });
    await shot(page, 'reader-tablet-portrait-outline');
    await sidebar(page, false);
    await settledAt(page, 3);

    // Rotate to landscape: the pages change size under the scroll position; the same page stays, and says so.
    const widthBefore = await page.locator('.ph-reader-page[data-page="3"]').evaluate((el) => el.getBoundingClientRect().width);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.waitForFunction((w) => Math.abs((document.querySelector('.ph-reader-page[data-page="3"]')?.getBoundingClientRect().width ?? w) - w) > 20, widthBefore);
    await settledAt(page, 3);

    // And back to portrait.
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.waitForFunction((w) => Math.abs((document.querySelector('.ph-reader-page[data-page="3"]')?.getBoundingClientRect().width ?? 0) - w) < 2, widthBefore);
    await settledAt(page, 3);
  });
});
