import type { Browser, Page } from 'playwright-core';
import { launchChromium, tabletContext } from './support/browser';
import { api } from './support/conference';
import { type RunningServer, startServer } from './support/server';
import { login, sessionCookie } from './support/session';
import { shot } from './support/shots';

const TITLE = 'Họp chuẩn bị kế hoạch chuyển đổi số năm 2027';
const AGENDA = ['Báo cáo tình hình chuyển đổi số', 'Thảo luận dự thảo kế hoạch', 'Kết luận của Chủ tọa'];
const REASON = 'Đi công tác tại Hà Nội';

/**
 * Drags agenda item `from` by its handle onto the place of item `to`. cdk drag-drop needs small steps, and on a
 * busy machine a frame between them, so the placeholder has moved before the drop is read. A finger waits until the
 * closing menu's backdrop is gone and the last save has landed; so does this, or the press lands on the backdrop.
 */
async function dragHandle(page: Page, from: number, to: number): Promise<void> {
  await page.waitForFunction(
    () => !document.querySelector('.cdk-overlay-backdrop') && document.querySelector('[data-busy]')?.getAttribute('data-busy') === 'false',
  );
  // Raw mouse events do not scroll: both handles in view first (the list sits below the secretary's tabs).
  await page.getByTestId('agenda-editor').evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const source = await page.getByTestId(`agenda-handle-${from}`).boundingBox();
  const target = await page.getByTestId(`agenda-handle-${to}`).boundingBox();
  if (!source || !target) throw new Error('agenda handles not found');
  const x = source.x + source.width / 2;
  const startY = source.y + source.height / 2;
  const endY = target.y + target.height / 2 + (to > from ? 10 : -10);
  await page.mouse.move(x, startY);
  await page.mouse.down();
  await page.waitForTimeout(100);
  for (let i = 1; i <= 15; i++) {
    await page.mouse.move(x, startY + ((endY - startY) * i) / 15);
    await page.waitForTimeout(20);
  }
  await page.waitForTimeout(250);
  const dragging = await page.locator('.cdk-drag-placeholder').count();
  await page.mouse.up();
  if (!dragging) throw new Error(`the drag of agenda item ${from} never started`);
}

/** Marks the document so a later check can prove the page was never reloaded. */
const markDocument = (page: Page) => page.evaluate(() => ((window as unknown as { __phMark: number }).__phMark = 42));
const stillSameDocument = (page: Page) => page.evaluate(() => (window as unknown as { __phMark?: number }).__phMark === 42);

describe('meeting preparation in Chromium', () => {
  let server: RunningServer;
  let chromium: { browser: Browser; close(): Promise<void> };

  beforeAll(async () => {
    server = await startServer();
    chromium = await launchChromium();
  });
  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
  });

  it('a secretary prepares and publishes a meeting; the delegate gets the invitation live and declines; the secretary sees it live', async () => {
    // The secretary creates a draft with three agenda items.
    const secretaryContext = await tabletContext(chromium.browser, server.baseUrl);
    const secretary = await secretaryContext.newPage();
    await login(secretary, 'thuky');
    await secretary.getByTestId('meeting-create-open').click();
    await secretary.getByTestId('meeting-form-title').fill(TITLE);
    await secretary.getByTestId('meeting-form-start-date').fill('2026-12-21');
    await secretary.getByTestId('meeting-form-start-time').fill('14:00');
    await secretary.getByTestId('meeting-form-location').fill('Phòng họp số 2, UBND tỉnh');
    await secretary.getByTestId('meeting-form-submit').click();
    await secretary.waitForURL(/\/meetings\/[0-9a-f-]{36}$/);
    const meetingId = secretary.url().split('/').pop() as string;
    expect(await secretary.getByTestId('meeting-title').textContent()).toContain(TITLE);
    expect(await secretary.getByTestId('meeting-status').textContent()).toContain('Bản nháp');
    // 14:00 in Hà Nội, shown in Vietnamese.
    expect(await secretary.getByTestId('meeting-time').textContent()).toContain('14:00');

    for (const [i, title] of AGENDA.entries()) {
      await secretary.getByTestId('agenda-add').click();
      await secretary.getByTestId('agenda-title-input').fill(title);
      await secretary.getByTestId('agenda-save').click();
      await secretary.getByTestId(`agenda-item-${i}`).filter({ hasText: title }).waitFor();
    }
    // Reordering sends the whole order; the numbering follows.
    await secretary.getByTestId('agenda-more-0').click();
    await secretary.getByTestId('agenda-move-down').click();
    await secretary.getByTestId('agenda-item-0').filter({ hasText: AGENDA[1] }).waitFor();
    await secretary.getByTestId('agenda-item-1').filter({ hasText: AGENDA[0] }).waitFor();
    // …and so does dragging by the handle: the last item goes to the top, and back to the end.
    await dragHandle(secretary, 2, 0);
    await secretary.getByTestId('agenda-item-0').filter({ hasText: AGENDA[2] }).waitFor();
    await dragHandle(secretary, 0, 2);
    await secretary.getByTestId('agenda-item-2').filter({ hasText: AGENDA[2] }).waitFor();
    await secretary.getByTestId('agenda-item-0').filter({ hasText: AGENDA[1] }).waitFor();

    // The secretary invites the delegate (on the page's participants tab).
    await secretary.getByTestId('meeting-tab-participants').click();
    await secretary.getByTestId('participants-add-open').click();
    await secretary.getByTestId('participant-search').fill('daibieu');
    await secretary.getByTestId('participant-option-daibieu').click();
    await secretary.getByTestId('participant-add-submit').click();
    const delegateRow = secretary.locator('[data-testid^="roster-"][data-rsvp]', { hasText: 'Lê Hoàng Nam' });
    await delegateRow.waitFor();
    const delegateId = ((await delegateRow.getAttribute('data-testid')) as string).replace('roster-', '');
    expect(await secretary.getByTestId(`roster-rsvp-${delegateId}`).textContent()).toContain('Chưa trả lời');

    // The delegate is on the home page: a draft is invisible to invitees.
    const delegateContext = await tabletContext(chromium.browser, server.baseUrl);
    const delegate = await delegateContext.newPage();
    await login(delegate, 'daibieu');
    await delegate.getByText('Phiên họp thường kỳ UBND tỉnh tháng 12 năm 2026').waitFor();
    expect(await delegate.getByTestId(`meeting-card-${meetingId}`).count()).toBe(0);
    await markDocument(delegate);

    // Publishing sends the invitation; it arrives live on the delegate's home page.
    await secretary.getByTestId('meeting-publish').click();
    await secretary.getByTestId('confirm-ok').click();
    await secretary.getByTestId('meeting-status').filter({ hasText: 'Đã gửi giấy mời' }).waitFor();

    const toast = delegate.getByTestId('invitation-toast');
    await toast.waitFor();
    expect(await toast.textContent()).toContain(`Bạn có giấy mời họp mới: ${TITLE}`);
    await delegate.getByTestId(`meeting-card-${meetingId}`).waitFor();
    expect(await stillSameDocument(delegate)).toBe(true);

    // The delegate opens the meeting, reads the agenda in its new order and declines with a reason.
    await delegate.getByTestId(`meeting-link-${meetingId}`).click();
    await delegate.getByTestId('meeting-title').waitFor();
    await delegate.getByTestId('agenda-item-0').filter({ hasText: AGENDA[1] }).waitFor();
    expect(await delegate.getByTestId('agenda-item-2').textContent()).toContain(AGENDA[2]);
    await markDocument(secretary);
    await delegate.getByTestId('rsvp-decline').click();
    await delegate.getByTestId('reason-input').fill(REASON);
    await delegate.getByTestId('reason-submit').click();
    await delegate.getByTestId('rsvp-current').filter({ hasText: 'Không tham dự' }).waitFor();

    // The secretary's roster row changes live, with the reason, and the chart counts it.
    await secretary.getByTestId(`roster-rsvp-${delegateId}`).filter({ hasText: 'Không tham dự' }).waitFor();
    await secretary.getByTestId(`roster-reason-${delegateId}`).filter({ hasText: REASON }).waitFor();
    expect(await secretary.getByTestId('rsvp-count-declined').textContent()).toBe('1');
    // The delegate has the meeting open, so the secretary sees them online.
    expect(await secretary.getByTestId(`roster-online-${delegateId}`).getAttribute('data-online')).toBe('true');
    expect(await stillSameDocument(secretary)).toBe(true);

    await delegateContext.close();
    await secretaryContext.close();
  });

  it('a secretary invites sites from the province → district → commune tree, with or without an operator; adding nothing says why', async () => {
    const cookie = await sessionCookie(server.baseUrl, 'thuky');
    const startsAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const meeting = await api(server.baseUrl, cookie, 'POST', '/api/meetings', { title: 'Hội nghị trực tuyến sơ kết công tác cải cách hành chính', kind: 'online', startsAt });
    const sites = (await api(server.baseUrl, cookie, 'GET', '/api/org/sites')) as { id: string; name: string }[];
    const siteId = (name: string) => sites.find((x) => x.name === name)?.id as string;
    const context = await tabletContext(chromium.browser, server.baseUrl);
    const secretary = await context.newPage();
    await login(secretary, 'thuky');
    await secretary.goto(`/meetings/${meeting.id}`);
    await secretary.getByTestId('meeting-tab-participants').click();
    await secretary.getByTestId('site-participants-empty').waitFor();

    // Phú Mỹ commune (no operator account) on its own, and the whole of Tân Hòa town: the district and its communes.
    await secretary.getByTestId('participants-add-open').click();
    await secretary.getByTestId('site-pick-branch-X-PHUMY').click();
    await secretary.getByTestId('site-pick-branch-TX-TANHOA').click();
    await shot(secretary, 'participants-site-tree');
    await secretary.getByTestId('participant-add-submit').click();
    await secretary.getByText('Đã mời 5 điểm cầu.').waitFor();
    await secretary.getByTestId('site-participants-count').filter({ hasText: '5 điểm cầu' }).waitFor();
    const phuMy = secretary.getByTestId(`site-participant-${siteId('Điểm cầu UBND xã Phú Mỹ')}`);
    expect(await phuMy.getAttribute('data-operator')).toBe('none');
    expect(await phuMy.textContent()).toContain('Chưa có tài khoản kỹ thuật viên');
    await secretary.getByTestId(`site-participant-${siteId('Điểm cầu UBND phường Tân An')}`).waitFor();

    // The invited sites show ticked and fixed; a unit with no accounts adds nobody, and the dialog says so.
    await secretary.getByTestId('participants-add-open').click();
    await secretary.locator('[data-testid="site-pick-branch-X-PHUMY"].mat-mdc-checkbox-disabled.mat-mdc-checkbox-checked').waitFor();
    await secretary.getByTestId('participant-units').click();
    await secretary.getByRole('option', { name: 'UBND xã Tân Lập' }).click();
    await secretary.keyboard.press('Escape');
    await secretary.getByTestId('participant-add-submit').click();
    const refused = secretary.getByTestId('participant-add-error');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('chưa có tài khoản người dùng nào nên không có ai được thêm');
    await context.close();
  }, 90_000);

  it('keeps people without the secretary or admin role away from the new-meeting form', async () => {
    const context = await tabletContext(chromium.browser, server.baseUrl);
    const page = await context.newPage();
    await login(page, 'daibieu');
    expect(await page.getByTestId('meeting-create-open').count()).toBe(0);
    await page.goto('/meetings/new');
    await page.getByTestId('home-title').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await context.close();
  });
});
