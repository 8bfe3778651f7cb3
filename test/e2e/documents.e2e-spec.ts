import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, tabletContext } from './support/browser';
import { makePdf, reportPages } from './support/pdf-fixtures';
import { type RunningServer, startServer } from './support/server';
import { login, sessionCookie } from './support/session';

const DEMO_MEETING = 'Phiên họp thường kỳ UBND tỉnh tháng 12 năm 2026';
/** Set E2E_SCREENSHOTS=<dir> to keep screenshots of the main steps. */
const SHOTS = process.env['E2E_SCREENSHOTS'];

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** Ids of the demo meeting and of its documents by title, asked over the API with the secretary's session. */
async function api<T>(baseUrl: string, path: string, cookie: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(baseUrl + path, {
    method: init.method ?? 'GET',
    headers: { cookie, ...(init.body ? { 'content-type': 'application/json' } : {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** Whether the element lies wholly inside the viewport (after any smooth scrolling has brought it there). */
function inViewport(page: Page, testId: string): Promise<boolean> {
  return page.evaluate((id) => {
    const box = document.querySelector(`[data-testid="${id}"]`)?.getBoundingClientRect();
    return !!box && box.height > 0 && box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth;
  }, testId);
}

/** Waits until the element is wholly inside the viewport. */
async function waitInViewport(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).waitFor();
  await page.waitForFunction((id) => {
    const box = document.querySelector(`[data-testid="${id}"]`)?.getBoundingClientRect();
    return !!box && box.height > 0 && box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth;
  }, testId);
}

/** Asks again every half second until `probe` answers something truthy. */
async function eventually<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

interface Receipt {
  userId: string;
  fullName: string;
  documentId: string;
  openedAt: string | null;
}

describe('meeting documents in Chromium', () => {
  let server: RunningServer;
  let chromium: { browser: Browser; close(): Promise<void> };
  let meetingId: string;
  let cookie: string;
  const docIds: Record<string, string> = {};
  let delegate: BrowserContext;
  let reader: Page;

  beforeAll(async () => {
    server = await startServer();
    chromium = await launchChromium();
    cookie = await sessionCookie(server.baseUrl, 'thuky');
    const mine = await api<{ id: string; title: string }[]>(server.baseUrl, '/api/meetings/mine', cookie);
    meetingId = mine.find((m) => m.title === DEMO_MEETING)?.id ?? '';
    expect(meetingId).not.toBe('');
  });
  afterAll(async () => {
    await delegate?.close();
    await chromium?.close();
    await server?.stop();
  });

  it('a secretary uploads PDFs with a live progress bar, sees clear errors for other files, and publishes', async () => {
    const context = await tabletContext(chromium.browser, server.baseUrl);
    const page = await context.newPage();
    await login(page, 'thuky');
    await page.goto(`/meetings/${meetingId}/documents`);
    await page.getByTestId('docs-upload-open').waitFor();

    const report = await makePdf({ title: 'Báo cáo kinh tế - xã hội năm 2026', pages: reportPages() });
    // Three 4 MB chunks, sent over a throttled uplink so the bar is seen moving.
    const budget = await makePdf({ title: 'Dự toán ngân sách năm 2027', pages: ['Phụ lục dự toán ngân sách.'], padBytes: 9 * 1024 * 1024 });
    const secret = await makePdf({ title: 'Phương án nhân sự', pages: ['Tài liệu mật: phương án nhân sự của tỉnh.'] });
    await page.getByTestId('docs-file-input').setInputFiles([
      { name: 'bao-cao-kt-xh.pdf', mimeType: 'application/pdf', buffer: report },
      { name: 'du-toan-ngan-sach.pdf', mimeType: 'application/pdf', buffer: budget },
      { name: 'phuong-an-nhan-su.pdf', mimeType: 'application/pdf', buffer: secret },
      { name: 'ghi-chu.txt', mimeType: 'text/plain', buffer: Buffer.from('không phải PDF') },
    ]);
    const problem = page.getByTestId('upload-problem');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('không phải PDF');
    // The files wait in "Chuẩn bị tải lên", brought into view (its heading, at least, when it is taller than the screen).
    await page.waitForFunction(() => {
      const box = document.querySelector('[data-testid="upload-drafts"] h3')?.getBoundingClientRect();
      return !!box && box.top >= 0 && box.bottom <= innerHeight;
    });

    await page.getByTestId('upload-title-0').fill('Báo cáo tình hình kinh tế - xã hội năm 2026');
    await page.getByTestId('upload-access-2').click();
    await page.getByTestId('upload-access-option-confidential').click();

    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 2 * 1024 * 1024 });
    await page.getByTestId('upload-start').click();
    const bar = page.getByTestId('upload-progress').first();
    await bar.waitFor();
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="upload-percent"]')].some((el) => /\b([1-9]\d?)%/.test(el.textContent ?? '')),
    );
    await shot(page, 'documents-upload-progress');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    await page.waitForFunction(() => document.querySelectorAll('[data-testid^="doc-publish-"]').length === 3, undefined, { timeout: 40_000 });
    const docs = await api<{ id: string; title: string; access: string }[]>(server.baseUrl, `/api/meetings/${meetingId}/documents`, cookie);
    for (const d of docs) docIds[d.access === 'confidential' ? 'secret' : d.title.startsWith('Báo cáo') ? 'report' : 'budget'] = d.id;
    expect(Object.keys(docIds).sort()).toEqual(['budget', 'report', 'secret']);
    // Publishing one asks first and says who will receive it; then the document carries "Đã phát hành".
    await page.getByTestId(`doc-publish-${docIds['report']}`).click();
    const dialog = page.getByTestId('publish-dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId(`publish-entry-${docIds['report']}`).textContent()).toMatch(/Mọi người tham dự — \d+ người: .*Lê Hoàng Nam/);
    await page.getByTestId('publish-confirm').click();
    await page.getByTestId(`doc-published-${docIds['report']}`).waitFor();
    expect(await page.getByTestId(`doc-published-${docIds['report']}`).textContent()).toContain('Đã phát hành');
    await page.getByTestId(`doc-unpublished-${docIds['report']}`).waitFor({ state: 'detached' });

    // "Phát hành tất cả" sends the rest of the pack after one confirmation that lists each paper and its readers.
    const all = page.getByTestId('docs-publish-all');
    expect(await all.textContent()).toContain('Phát hành tất cả (2)');
    await all.click();
    await dialog.waitFor();
    expect(await dialog.locator('[data-testid^="publish-entry-"]').count()).toBe(2);
    expect(await dialog.getByTestId(`publish-entry-${docIds['secret']}`).textContent()).toContain('đóng dấu tên người xem');
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    await shot(page, 'documents-publish-all-dialog');
    await page.getByTestId('publish-confirm').click();
    for (const id of [docIds['budget'], docIds['secret']]) await page.getByTestId(`doc-published-${id}`).waitFor();
    await all.waitFor({ state: 'detached' });
    const published = await api<{ id: string; published: boolean }[]>(server.baseUrl, `/api/meetings/${meetingId}/documents`, cookie);
    expect(published.every((d) => d.published)).toBe(true);
    await context.close();
  });

  it('picking files from an agenda item low on the meeting page brings the upload panel and its progress into view', async () => {
    const agenda = `/api/meetings/${meetingId}/agenda`;
    const items: { id: string }[] = [];
    // Enough items that the last one's upload button sits a screen or more below the list's own header.
    const titles = ['Khai mạc', 'Kinh tế - xã hội', 'Dự toán ngân sách', 'Đầu tư công', 'Chuyển đổi số', 'Y tế', 'Giáo dục', 'Nông thôn mới', 'Cải cách hành chính', 'Kết luận'];
    for (const title of titles) {
      items.push(await api<{ id: string }>(server.baseUrl, agenda, cookie, { method: 'POST', body: { title } }));
    }
    const last = items[items.length - 1].id;
    const context = await tabletContext(chromium.browser, server.baseUrl);
    const page = await context.newPage();
    await login(page, 'thuky');
    await page.goto(`/meetings/${meetingId}`);
    // The secretary's meeting page keeps the documents in a tab of their own.
    await page.getByTestId('meeting-tab-documents').click();
    const button = page.getByTestId(`docs-group-${last}`).locator('.group-head button');
    await button.scrollIntoViewIfNeeded();
    expect(await inViewport(page, 'docs-upload-open')).toBe(false);
    const chooser = page.waitForEvent('filechooser');
    await button.click();
    const annex = await makePdf({ title: 'Kết luận phiên họp', pages: ['Dự thảo kết luận.'], padBytes: 5 * 1024 * 1024 });
    await (await chooser).setFiles({ name: 'ket-luan.pdf', mimeType: 'application/pdf', buffer: annex });
    await waitInViewport(page, 'upload-drafts');
    // The heading has the focus: a screen reader announces where the files went.
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Chuẩn bị tải lên');
    await shot(page, 'documents-upload-panel-in-view');

    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 1024 * 1024 });
    await page.getByTestId('upload-start').click();
    await waitInViewport(page, 'upload-list');
    expect(await inViewport(page, 'upload-progress')).toBe(true);
    await page.waitForFunction(() => /\b([1-9]\d?)%/.test(document.querySelector('[data-testid="upload-percent"]')?.textContent ?? ''));
    await shot(page, 'documents-upload-progress-in-view');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await page.getByTestId(`docs-group-${last}`).locator('[data-testid^="doc-unpublished-"]').waitFor({ timeout: 40_000 });
    await context.close();
  });

  it('a delegate opens a document, searches a word and sees the highlighted hit', async () => {
    delegate = await tabletContext(chromium.browser, server.baseUrl);
    reader = await delegate.newPage();
    await login(reader, 'daibieu');
    await reader.goto(`/meetings/${meetingId}/documents`);
    await reader.getByTestId(`doc-open-${docIds['report']}`).click();
    await reader.getByTestId('reader-page-1').waitFor();
    expect(await reader.getByTestId('reader-version').textContent()).toContain('Phiên bản 1');

    await reader.getByTestId('reader-search-input').fill('ngan sach');
    const count = reader.getByTestId('reader-search-count');
    await reader.waitForFunction(() => document.querySelector('[data-testid="reader-search-count"]')?.textContent?.trim() === '1/3');
    const selected = reader.locator('.textLayer mark.ph-hit.selected');
    await selected.waitFor();
    expect(await selected.textContent()).toBe('ngân sách');
    await reader.getByTestId('reader-search-next').click();
    await reader.waitForFunction(() => document.querySelector('[data-testid="reader-search-count"]')?.textContent?.trim() === '2/3');
    expect(await count.textContent()).toContain('2/3');
    await shot(reader, 'documents-reader-search');
  });

  it('offline, the delegate still opens and reads a document saved on the tablet', async () => {
    // The service worker installs, takes over the page and copies the published pack in the background.
    await reader.goto(`/meetings/${meetingId}/documents`);
    await reader.getByTestId(`doc-offline-${docIds['report']}`).waitFor({ timeout: 60_000 });
    await reader.getByTestId(`doc-offline-${docIds['budget']}`).waitFor({ timeout: 60_000 });
    expect(await reader.getByTestId(`doc-offline-${docIds['report']}`).textContent()).toContain('Đã lưu ngoại tuyến');

    await delegate.setOffline(true);
    // The network is really gone, for the page and for the service worker.
    expect(await reader.evaluate(() => fetch('/api/health').then((r) => r.status, () => 0))).not.toBe(200);
    await reader.goto(`/meetings/${meetingId}/documents`);
    await reader.getByTestId('docs-offline-banner').waitFor();
    await reader.getByTestId(`doc-offline-${docIds['report']}`).waitFor();
    await shot(reader, 'documents-offline-list');
    await reader.getByTestId(`doc-open-${docIds['report']}`).click();
    await reader.getByTestId('reader-page-1').waitFor();
    await reader.getByTestId('reader-offline-banner').waitFor();
    // Reopens where the delegate left it (the search hit on page 2).
    await reader.waitForFunction(() => document.querySelector('[data-testid="reader-page-indicator"]')?.textContent?.includes('2/4'));
    await reader.waitForFunction(() => (document.querySelector('[data-testid="reader-page-1"] .textLayer')?.textContent ?? '').includes('Tình hình chung'));
    await shot(reader, 'documents-offline-reader');

    // Opening a saved copy the server never served still counts as opened: reported once the network is back.
    const budgetOpened = async () =>
      (await api<Receipt[]>(server.baseUrl, `/api/meetings/${meetingId}/documents/receipts`, cookie)).find(
        (r) => r.documentId === docIds['budget'] && r.fullName === 'Lê Hoàng Nam',
      )?.openedAt;
    expect(await budgetOpened()).toBeNull();
    await reader.goto(`/meetings/${meetingId}/documents`);
    await reader.getByTestId(`doc-open-${docIds['budget']}`).click();
    await reader.getByTestId('reader-page-1').waitFor();
    await reader.getByTestId('reader-offline-banner').waitFor();
    expect(await reader.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('phonghop.openedPending.') && localStorage.getItem(k) !== '[]').length)).toBe(1);
    await delegate.setOffline(false);
    await eventually(budgetOpened, 'the offline opening to reach the server');
  });

  it('a confidential document shows the delegate’s own name in its watermark', async () => {
    await reader.goto(`/meetings/${meetingId}/documents/${docIds['secret']}`);
    await reader.getByTestId('reader-page-1').waitFor();
    await reader.waitForFunction(
      () => (document.querySelector('[data-testid="reader-page-1"] .textLayer')?.textContent ?? '').includes('Lê Hoàng Nam'),
      undefined,
      { timeout: 20_000 },
    );
    await shot(reader, 'documents-confidential');
    // The server gives no plain text of a confidential document (DOCUMENT_TEXT_CONFIDENTIAL): the reader's search
    // works on the stamped copy it already has.
    await reader.getByTestId('reader-search-input').fill('cua tinh');
    await reader.waitForFunction(() => document.querySelector('[data-testid="reader-search-count"]')?.textContent?.trim() === '1/1');
    expect(await reader.locator('.textLayer mark.ph-hit.selected').textContent()).toBe('của tỉnh');
  });

  it('without a saved copy the reader loads by HTTP Range: the first page draws before the whole file', async () => {
    const context = await chromium.browser.newContext({
      baseURL: server.baseUrl,
      viewport: { width: 1280, height: 800 },
      locale: 'vi-VN',
      serviceWorkers: 'block',
    });
    const page = await context.newPage();
    const fileResponses: { status: number; bytes: number; version: string | undefined }[] = [];
    // The current version's address (the first bytes, asked for beside the metadata) and version 1's own (the rest).
    const filePath = new RegExp(`/documents/${docIds['budget']}/(versions/1/)?file$`);
    const previews: { status: number; type: string | null }[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith(`/documents/${docIds['budget']}/preview`)) previews.push({ status: response.status(), type: response.headers()['content-type'] ?? null });
    });
    page.on('requestfinished', async (request) => {
      if (!filePath.test(new URL(request.url()).pathname)) return;
      const response = await request.response();
      const sizes = await request.sizes();
      fileResponses.push({ status: response?.status() ?? 0, bytes: sizes.responseBodySize, version: response?.headers()['x-phonghop-version'] });
    });
    await login(page, 'daibieu');
    await page.goto(`/meetings/${meetingId}/documents/${docIds['budget']}`);
    // The server's image of page 1 may show first; this test is about pdf.js drawing it from byte ranges.
    await page.locator('[data-testid="reader-page-1"][data-drawn="pdf"]').waitFor();
    expect(await page.getByTestId('reader-offline-banner').count()).toBe(0);
    expect(fileResponses.some((r) => r.status === 206)).toBe(true);
    // The first bytes came from the current version's address, which named the version it served.
    expect(fileResponses.some((r) => r.status === 206 && r.version === '1')).toBe(true);
    // Page 1 was asked for as the server's image too, beside the document's metadata, to show while pdf.js loads.
    expect(previews).toEqual([{ status: 200, type: 'image/webp' }]);
    const transferred = fileResponses.reduce((sum, r) => sum + r.bytes, 0);
    expect(transferred).toBeLessThan(4 * 1024 * 1024);
    await context.close();
  });

  it('a new version: the secretary uploads it, a reader of the old one sees the banner and switches', async () => {
    const context = await tabletContext(chromium.browser, server.baseUrl);
    const page = await context.newPage();
    await login(page, 'thuky');
    await page.goto(`/meetings/${meetingId}/documents`);
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId(`doc-new-version-${docIds['report']}`).click();
    const v2 = await makePdf({ title: 'Báo cáo kinh tế - xã hội năm 2026 (sửa đổi)', pages: reportPages().slice(0, 2) });
    await (await chooser).setFiles({ name: 'bao-cao-v2.pdf', mimeType: 'application/pdf', buffer: v2 });
    await page.waitForFunction((id) => document.querySelector(`[data-testid="doc-${id}"]`)?.textContent?.includes('Phiên bản 2'), docIds['report']);
    await context.close();

    await reader.goto(`/meetings/${meetingId}/documents/${docIds['report']}?v=1`);
    await reader.getByTestId('reader-newer-banner').waitFor();
    expect(await reader.getByTestId('reader-version').textContent()).toContain('Phiên bản 1');
    await reader.getByTestId('reader-open-newer').click();
    await reader.waitForFunction(() => document.querySelector('[data-testid="reader-version"]')?.textContent?.includes('Phiên bản 2'));
    await reader.getByTestId('reader-page-1').waitFor();
    expect(await reader.getByTestId('reader-newer-banner').count()).toBe(0);
  });

  it('an upload cut by a network error resumes from the server’s count', async () => {
    // Request routing does not see what a service worker forwards: this tablet has none.
    const context = await chromium.browser.newContext({ baseURL: server.baseUrl, viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    await login(page, 'thuky');
    await page.goto(`/meetings/${meetingId}/documents`);
    let cut = 0;
    const asked: string[] = [];
    // The second chunk's connection drops once.
    await page.route(/\/api\/uploads\/[^/?]+\?offset=4194304$/, async (route) => {
      if (route.request().method() === 'PUT' && cut++ === 0) await route.abort('connectionreset');
      else await route.continue();
    });
    page.on('request', (r) => {
      if (r.method() === 'GET' && /\/api\/uploads\/[^/?]+$/.test(r.url())) asked.push(r.url());
    });
    const big = await makePdf({ title: 'Phụ lục số liệu', pages: ['Phụ lục số liệu thống kê.'], padBytes: 9 * 1024 * 1024 });
    await page.getByTestId('docs-file-input').setInputFiles({ name: 'phu-luc-so-lieu.pdf', mimeType: 'application/pdf', buffer: big });
    await page.getByTestId('upload-start').click();
    await page.getByTestId('upload-progress').waitFor();
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid^="doc-open-"]')].some((el) => el.textContent?.includes('phu-luc-so-lieu')), undefined, {
      timeout: 40_000,
    });
    expect(cut).toBeGreaterThanOrEqual(2);
    expect(asked.length).toBeGreaterThanOrEqual(1);
    await context.close();
  });

  it('the secretary sees who received and opened what; a delegate’s list follows a deletion at once', async () => {
    const context = await tabletContext(chromium.browser, server.baseUrl);
    const page = await context.newPage();
    await login(page, 'thuky');
    await page.goto(`/meetings/${meetingId}/documents`);
    await page.getByTestId('receipts-toggle').click();
    const table = page.getByTestId('receipts-table');
    await table.waitFor();
    const delegateRow = table.locator('tbody tr', { hasText: 'Lê Hoàng Nam' });
    // The delegate opened the budget (its saved copy offline, and from the server on another tablet): opened.
    expect(await delegateRow.getByTestId(`receipts-cell-${docIds['budget']}`).getAttribute('data-state')).toBe('opened');
    expect(await table.getByTestId(`receipts-count-${docIds['budget']}`).textContent()).toMatch(/Mở [1-9]\d*\//);
    // The tablet copied the report's current version (v2) in the background: at least received.
    expect(['received', 'opened']).toContain(await delegateRow.getByTestId(`receipts-cell-${docIds['report']}`).getAttribute('data-state'));
    await shot(page, 'documents-receipts');

    // The delegate's list drops a deleted document without reloading (personal `documents:changed`).
    await reader.goto(`/meetings/${meetingId}/documents`);
    await reader.getByTestId(`doc-${docIds['budget']}`).waitFor();
    const removed = await fetch(`${server.baseUrl}/api/documents/${docIds['budget']}`, { method: 'DELETE', headers: { cookie } });
    expect(removed.status).toBe(204);
    await reader.getByTestId(`doc-${docIds['budget']}`).waitFor({ state: 'detached', timeout: 10_000 });
    await context.close();
  });

  it('a secretary edits a document’s title, agenda item and readers; a refusal shows in the dialog', async () => {
    const agenda = `/api/meetings/${meetingId}/agenda`;
    const item = await api<{ id: string }>(server.baseUrl, agenda, cookie, { method: 'POST', body: { title: 'Báo cáo kinh tế - xã hội' } });
    const doomed = await api<{ id: string }>(server.baseUrl, agenda, cookie, { method: 'POST', body: { title: 'Nội dung sẽ bị xóa' } });
    const people = await api<{ userId: string; fullName: string }[]>(server.baseUrl, `/api/meetings/${meetingId}/participants`, cookie);
    const delegateId = people.find((p) => p.fullName === 'Lê Hoàng Nam')?.userId ?? '';
    const id = docIds['report'];
    // The delegate's list follows the change live.
    await reader.goto(`/meetings/${meetingId}/documents`);
    await reader.getByTestId(`doc-${id}`).waitFor();

    const context = await tabletContext(chromium.browser, server.baseUrl);
    const page = await context.newPage();
    await login(page, 'thuky');
    await page.goto(`/meetings/${meetingId}/documents`);
    await page.getByTestId(`doc-edit-${id}`).click();
    const dialog = page.getByTestId('doc-edit-dialog');
    await dialog.waitFor();
    await page.getByTestId('doc-edit-title').fill('Báo cáo tình hình kinh tế - xã hội năm 2026 (đã sửa)');
    await page.getByTestId('doc-edit-agenda').click();
    await page.getByTestId(`doc-edit-agenda-${item.id}`).click();
    await page.getByTestId('doc-edit-access-named').click();
    // Named without anyone: the dialog says so instead of asking the server.
    await page.getByTestId('doc-edit-save').click();
    expect(await page.getByTestId('doc-edit-problem').textContent()).toContain('Chọn ít nhất một người');
    await page.getByTestId('doc-edit-named').click();
    await page.getByTestId(`named-reader-${delegateId}`).click();
    await page.keyboard.press('Escape');
    await shot(page, 'documents-edit-dialog');
    await page.getByTestId('doc-edit-save').click();
    await dialog.waitFor({ state: 'detached' });

    const row = page.getByTestId(`docs-group-${item.id}`).getByTestId(`doc-${id}`);
    await row.waitFor();
    expect(await row.textContent()).toContain('(đã sửa)');
    expect(await row.textContent()).toContain('Hạn chế');
    const saved = await api<{ title: string; agendaItemId: string; access: string; namedUserIds: string[] }>(server.baseUrl, `/api/documents/${id}`, cookie);
    expect(saved).toMatchObject({ agendaItemId: item.id, access: 'named', namedUserIds: [delegateId] });
    await reader.waitForFunction((docId) => document.querySelector(`[data-testid="doc-${docId}"]`)?.textContent?.includes('(đã sửa)'), id);

    // The chosen agenda item is deleted by someone else before saving: the server's refusal, in Vietnamese.
    await page.getByTestId(`doc-edit-${id}`).click();
    await dialog.waitFor();
    await page.getByTestId('doc-edit-agenda').click();
    await page.getByTestId(`doc-edit-agenda-${doomed.id}`).click();
    await api(server.baseUrl, `${agenda}/${doomed.id}`, cookie, { method: 'DELETE' });
    await page.getByTestId('doc-edit-save').click();
    const error = page.getByTestId('doc-edit-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('Không tìm thấy nội dung trong chương trình');
    await page.locator('mat-dialog-actions button', { hasText: 'Hủy' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await api<{ agendaItemId: string }>(server.baseUrl, `/api/documents/${id}`, cookie)).agendaItemId).toBe(item.id);
    await context.close();
  });
});
