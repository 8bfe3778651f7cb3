import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { launchChromium, tabletContext } from './support/browser';
import { api, publishedDocument } from './support/conference';
import { makePdf, reportPages } from './support/pdf-fixtures';
import { type RunningServer, startServer } from './support/server';
import { login, sessionCookie } from './support/session';
import { shot } from './support/shots';

const run = promisify(execFile);
const MEETING_TITLE = 'Phiên họp thường kỳ UBND tỉnh tháng 12 năm 2026';
const AGENDA = [
  { title: 'Báo cáo tình hình kinh tế - xã hội năm 2026', plannedMinutes: 20 },
  { title: 'Dự toán ngân sách địa phương năm 2027', plannedMinutes: 30 },
];
/** Typed by the secretary: every Vietnamese tone mark, and it must come back from the server and the PDF. */
const SENTENCE = 'Đồng chí Chủ tịch kết luận: giao Sở Tài chính chủ trì, phối hợp các sở, ngành hoàn chỉnh dự toán ngân sách năm 2027.';
const SECOND_EDITOR = 'Bổ sung của thư ký thứ hai: thời hạn trình trước ngày 10/01/2027.';
const CONCLUSION = 'Thống nhất thông qua báo cáo; giao Văn phòng UBND tỉnh hoàn thiện, gửi các đại biểu.';

type Reply = { ok: true; data: Record<string, unknown> } | { ok: false; error: { code: string } };
/** What the minutes API answers (the tests read a few fields; the contract is MinutesDto). */
type Minutes = { version: number; revision: number; number: string; bodyHtml: string };
/** The socket.io path of the API (REALTIME_PATH in the contracts, which e2e tests do not import). */
const REALTIME_PATH = '/api/realtime';

/**
 * Minutes in Chromium against the production build, after a short session driven over the live meeting's socket:
 * the secretary starts the draft (pre-filled from the record), types with tone marks, sees it saved, reloads and
 * finds it; a second secretary's save makes hers stale and she loads the latest instead of overwriting it; she
 * finalizes and downloads the PDF; a delegate reads the final version with no editor; the chair sees the
 * statistics as bars.
 */
describe('minutes and statistics in Chromium', () => {
  let server: RunningServer;
  let chromium: { browser: Browser; close(): Promise<void> };
  const contexts: BrowserContext[] = [];
  let meetingId: string;
  let itemIds: string[];
  let secretary: Page;
  const cookies: Record<string, string> = {};
  const userIds: Record<string, string> = {};
  const tmp = mkdtempSync(join(tmpdir(), 'phonghop-minutes-'));

  const newPage = async (username: string) => {
    const context = await tabletContext(chromium.browser, server.baseUrl);
    contexts.push(context);
    const page = await context.newPage();
    await login(page, username);
    await page.goto(`/meetings/${meetingId}`);
    await page.getByTestId('minutes-panel').waitFor();
    return page;
  };
  /** A tablet turned upright: the navigation folds into a drawer; waits until it has slid away. */
  const portrait = async (page: Page) => {
    await page.setViewportSize({ width: 800, height: 1280 });
    await page.waitForFunction(() => {
      const content = document.querySelector('mat-sidenav-content');
      return !!content && getComputedStyle(content).marginLeft === '0px' && !document.querySelector('.mat-drawer-animating');
    });
  };
  const latestMinutes = async () => (await api(server.baseUrl, cookies['thuky'], 'GET', `/api/meetings/${meetingId}/minutes/minutes`)) as Minutes;

  beforeAll(async () => {
    server = await startServer();
    chromium = await launchChromium();
    const base = server.baseUrl;
    for (const u of ['thuky', 'chutoa', 'daibieu', 'diemcau.phuloc', 'quantri']) cookies[u] = await sessionCookie(base, u);
    for (const u of (await api(base, cookies['quantri'], 'GET', '/api/users')) as { id: string; username: string }[]) userIds[u.username] = u.id;
    meetingId = ((await api(base, cookies['thuky'], 'GET', '/api/meetings/mine')) as { id: string; title: string }[]).find((m) => m.title === MEETING_TITLE)?.id as string;
    for (const item of AGENDA) await api(base, cookies['thuky'], 'POST', `/api/meetings/${meetingId}/agenda`, item);
    const items = (await api(base, cookies['thuky'], 'GET', `/api/meetings/${meetingId}/agenda`)) as { id: string }[];
    itemIds = items.map((i) => i.id);
    const documentId = await publishedDocument(base, meetingId, 'Báo cáo KT-XH năm 2026', await makePdf({ title: 'Báo cáo KT-XH năm 2026', pages: reportPages() }));

    // A short session over the live meeting's socket: open, check-in, one item, one speech, the end.
    const sockets: Socket[] = [];
    const open = async (username: string) => {
      const socket = io(base, { path: REALTIME_PATH, transports: ['websocket'], reconnection: false, extraHeaders: { cookie: cookies[username] } });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      return socket;
    };
    const floor = async (socket: Socket, method: string, data: Record<string, unknown>) => {
      const reply = (await socket.emitWithAck('floor:request', { method, data: { meetingId, ...data } })) as Reply;
      if (!reply.ok) throw new Error(`${method}: ${reply.error.code}`);
      return reply.data;
    };
    try {
      const chair = await open('chutoa');
      const delegate = await open('daibieu');
      const site = await open('diemcau.phuloc');
      await floor(chair, 'start', {});
      const { code } = await api(base, cookies['thuky'], 'GET', `/api/meetings/${meetingId}/check-in-code`);
      for (const who of ['daibieu', 'chutoa']) await api(base, cookies[who], 'POST', `/api/meetings/${meetingId}/check-in`, { code });
      await floor(site, 'confirmRollCall', { userIds: [] });
      await floor(chair, 'openItem', { itemId: items[0].id });
      const asked = await floor(delegate, 'requestFloor', { kind: 'speech', topic: 'Về dự toán ngân sách' });
      await floor(chair, 'giveFloor', { requestId: asked['requestId'] as string, seconds: 60 });
      await floor(chair, 'endSpeech', {});
      await floor(chair, 'end', {});
    } finally {
      for (const s of sockets) s.disconnect();
    }
    // The delegate's tablet kept the paper and opened it (for the distribution figures).
    await api(base, cookies['daibieu'], 'POST', `/api/documents/${documentId}/versions/1/received`);
    const file = await fetch(`${base}/api/documents/${documentId}/versions/1/file`, { headers: { cookie: cookies['daibieu'] } });
    expect(file.status).toBe(200);
    await file.arrayBuffer();
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await chromium?.close();
    await server?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('the secretary starts the minutes from the record, types with tone marks, sees it saved and finds it after a reload', async () => {
    secretary = await newPage('thuky');
    const page = secretary;
    await page.getByTestId('minutes-start').click();
    const editor = page.getByTestId('minutes-editor');
    // The draft comes pre-filled with the record's facts: the speaker, the site, the closing time.
    await editor.filter({ hasText: 'Lê Hoàng Nam' }).waitFor();
    expect(await editor.textContent()).toContain('Điểm cầu UBND huyện Phú Lộc');
    expect(await editor.textContent()).toContain('Cuộc họp kết thúc vào');

    await page.getByTestId('minutes-number').fill('12/BB-UBND');
    await editor.focus();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type(SENTENCE);
    // The toolbar acts where the caret is, without taking the focus: the next words come out bold.
    await page.getByTestId('minutes-tool-bold').click();
    await page.locator('[data-testid="minutes-tool-bold"][aria-pressed="true"]').waitFor();
    await page.keyboard.type(' Khẩn trương.');
    const saved = page.locator('[data-testid="minutes-save-state"][data-state="saved"]').filter({ hasText: /Đã lưu lúc \d\d:\d\d/ });
    await saved.waitFor();
    const stored = await latestMinutes();
    // (Chrome types a space at the start of the bold run as a no-break space, which keeps it visible.)
    expect(stored.bodyHtml).toContain(`<p>${SENTENCE}<strong>`);
    expect(stored.bodyHtml).toMatch(/<strong>(&nbsp;| )Khẩn trương\.<\/strong><\/p>/);
    expect(stored.number).toBe('12/BB-UBND');
    expect(stored.revision).toBeGreaterThanOrEqual(1);
    await page.getByTestId('minutes-panel').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(page, 'minutes-editor-tablet');
    // Further down the text the buttons and "saved" stay in view.
    await editor.evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await shot(page, 'minutes-editor-tablet-scrolled');
    await portrait(page);
    await page.getByTestId('minutes-panel').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(page, 'minutes-editor-tablet-portrait');
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.reload();
    await page.getByTestId('minutes-editor').filter({ hasText: SENTENCE }).waitFor();
    expect(await page.getByTestId('minutes-number').inputValue()).toBe('12/BB-UBND');
  }, 90_000);

  it('a save made stale by another secretary is not sent over theirs: she loads the latest and goes on', async () => {
    const page = secretary;
    const latest = await latestMinutes();
    await api(server.baseUrl, cookies['thuky'], 'PUT', `/api/meetings/${meetingId}/minutes/minutes/draft`, {
      bodyHtml: `${latest.bodyHtml}<p>${SECOND_EDITOR}</p>`,
      number: latest.number,
      baseVersion: latest.version,
      baseRevision: latest.revision,
    });
    const editor = page.getByTestId('minutes-editor');
    await editor.focus();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Bản của tôi.');
    await page.getByTestId('minutes-conflict').waitFor();
    await page.locator('[data-testid="minutes-save-state"][data-state="conflict"]').waitFor();
    await shot(page, 'minutes-conflict');
    // The other secretary's text is still the stored one.
    expect((await latestMinutes()).bodyHtml).toContain(SECOND_EDITOR);
    expect((await latestMinutes()).bodyHtml).not.toContain('Bản của tôi.');

    await page.getByTestId('minutes-reload').click();
    await editor.filter({ hasText: SECOND_EDITOR }).waitFor();
    expect(await editor.textContent()).toContain(SENTENCE);
    expect(await page.getByTestId('minutes-conflict').count()).toBe(0);
  }, 60_000);

  it('the secretary finalizes: read-only, a correction offered, the PDF downloads with the typed sentence', async () => {
    const page = secretary;
    await page.getByTestId('minutes-finalize').click();
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('minutes-final').filter({ hasText: SENTENCE }).waitFor();
    expect(await page.getByTestId('minutes-editor').count()).toBe(0);
    await page.getByTestId('minutes-correction').waitFor();
    await page.locator('[data-testid="minutes-version-1"][data-status="final"]').waitFor();

    const link = page.getByTestId('minutes-pdf-1');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    // The link's URL, fetched with the page's cookies.
    const href = (await link.getAttribute('href')) as string;
    const res = await page.context().request.get(href);
    expect(res.status()).toBe(200);
    const bytes = await res.body();
    expect(bytes.subarray(0, 4).toString()).toBe('%PDF');
    const file = join(tmp, 'bien-ban.pdf');
    writeFileSync(file, bytes);
    const text = (await run('pdftotext', [file, '-'])).stdout.replace(/\s+/g, ' ');
    expect(text).toContain(SENTENCE);
    expect(text).toContain('12/BB-UBND');
    expect(text).not.toContain('DỰ THẢO');
    await page.getByTestId('minutes-panel').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(page, 'minutes-final-secretary');
  }, 60_000);

  it('the secretary writes the conclusion on each agenda item in its own editor', async () => {
    const page = secretary;
    await page.getByTestId('minutes-tab-conclusions').click();
    await page.getByTestId('minutes-start').click();
    const first = page.getByTestId(`minutes-item-${itemIds[0]}`);
    await first.waitFor();
    await page.getByTestId(`minutes-item-${itemIds[1]}`).waitFor();
    await page.getByTestId('minutes-number').fill('05/TB-UBND');
    await first.focus();
    await page.keyboard.type(CONCLUSION);
    await page.locator('[data-testid="minutes-save-state"][data-state="saved"]').filter({ hasText: /Đã lưu lúc \d\d:\d\d/ }).waitFor();
    const stored = (await api(server.baseUrl, cookies['thuky'], 'GET', `/api/meetings/${meetingId}/minutes/conclusions`)) as Minutes & {
      items: { itemId: string; conclusionHtml: string | null }[];
    };
    expect(stored.number).toBe('05/TB-UBND');
    expect(stored.items.map((i) => i.itemId)).toEqual(itemIds);
    expect(stored.items[0].conclusionHtml).toContain(CONCLUSION);
    expect(stored.items[1].conclusionHtml).toBeNull();
    await first.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await shot(page, 'minutes-conclusions-tablet');
  }, 60_000);

  it('a delegate reads the final version and its PDF link, with no editor and no statistics', async () => {
    const page = await newPage('daibieu');
    await page.getByTestId('minutes-final').filter({ hasText: SENTENCE }).waitFor();
    await page.getByTestId('minutes-pdf-1').waitFor();
    expect(await page.getByTestId('minutes-pdf-current').getAttribute('href')).toBe(await page.getByTestId('minutes-pdf-1').getAttribute('href'));
    for (const id of ['minutes-editor', 'minutes-start', 'minutes-finalize', 'minutes-correction', 'minutes-save-state', 'minutes-tab-stats']) {
      expect({ id, count: await page.getByTestId(id).count() }).toEqual({ id, count: 0 });
    }
    await page.getByTestId('minutes-tab-conclusions').click();
    await page.getByTestId('minutes-waiting').waitFor();
    await page.getByTestId('minutes-tab-minutes').click();
    await page.getByTestId('minutes-final').waitFor();
    await page.getByTestId('minutes-panel').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(page, 'minutes-delegate-final');
  }, 60_000);

  it('the chair sees the statistics: attendance bars by place and unit, time against plan, speakers, documents', async () => {
    const page = await newPage('chutoa');
    await page.getByTestId('minutes-tab-stats').click();
    const attendance = page.getByTestId('stats-attendance');
    await attendance.waitFor();
    // By place: the hall first (the chair and the delegate; secretaries are not counted), then the site.
    await attendance.locator('[data-testid="stats-place-0"][data-present="2"]').waitFor();
    await attendance.locator('[data-testid="stats-place-1"][data-present="1"]').waitFor();
    expect(await attendance.getByTestId('stats-place-1').textContent()).toContain('Điểm cầu UBND huyện Phú Lộc');
    const bar = attendance.getByTestId('stats-place-0').locator('[role="img"]');
    expect(await bar.getAttribute('aria-label')).toMatch(/có mặt 2, vắng \d+, tổng \d+/);
    expect(await attendance.locator('.seg.present').count()).toBeGreaterThan(0);

    const items = page.getByTestId('stats-items');
    await items.getByTestId('stats-session-session').waitFor();
    expect(await items.locator('[data-testid^="stats-item-"]').count()).toBe(AGENDA.length);
    expect(await items.textContent()).toContain(AGENDA[0].title);
    expect(await page.getByTestId('stats-speakers').textContent()).toContain('Lê Hoàng Nam');
    await page.getByTestId('stats-speakers').locator(`[data-testid="stats-speaker-${userIds['daibieu']}"]`).waitFor();
    const documents = page.getByTestId('stats-documents');
    expect(await documents.textContent()).toContain('Báo cáo KT-XH năm 2026');
    // Opened by the delegate; received by the delegate's tablet and by those whose meeting page keeps offline copies.
    const doc = documents.locator('[data-testid^="stats-document-"][data-opened="1"]');
    await doc.waitFor();
    expect(Number(await doc.getAttribute('data-received'))).toBeGreaterThanOrEqual(1);

    await page.getByTestId('minutes-panel').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(page, 'minutes-stats');
    await items.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(page, 'minutes-stats-time');
    await portrait(page);
    await page.getByTestId('minutes-panel').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(page, 'minutes-stats-portrait');
    await page.getByTestId('stats-speakers').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(page, 'minutes-stats-portrait-speakers');
  }, 60_000);
});
