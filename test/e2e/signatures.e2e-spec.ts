import type { Browser, Page } from 'playwright-core';
import { io } from 'socket.io-client';
import { launchChromium, tabletContext } from './support/browser';
import { type RunningServer, startServer } from './support/server';
import { login, sessionCookie } from './support/session';
import { shot } from './support/shots';
import { appendEdit, makeSigningKeys, type TestSigningKeys } from './support/signing-fixtures';

const DEMO_MEETING = 'Phiên họp thường kỳ UBND tỉnh tháng 12 năm 2026';

/** Start, send, complete: one upload over the API with the secretary's session; returns the document id. */
async function upload(baseUrl: string, cookie: string, meetingId: string, pdf: Buffer, title: string): Promise<string> {
  const json = { cookie, 'content-type': 'application/json' };
  const started = await (await fetch(`${baseUrl}/api/meetings/${meetingId}/uploads`, { method: 'POST', headers: json, body: JSON.stringify({ fileName: `${title}.pdf`, sizeBytes: pdf.length }) })).json();
  const put = await fetch(`${baseUrl}/api/uploads/${started.uploadId}?offset=0`, { method: 'PUT', headers: { cookie, 'content-type': 'application/octet-stream' }, body: new Uint8Array(pdf) });
  expect(put.status).toBe(200);
  const done = await fetch(`${baseUrl}/api/uploads/${started.uploadId}/complete`, { method: 'POST', headers: json, body: JSON.stringify({ title }) });
  expect(done.status).toBe(201);
  return (await done.json()).id;
}

/** The reader's signature badge, once the document has opened: its verdict, and the details a tap shows. */
async function readerBadge(page: Page): Promise<{ status: string | null; text: string; details: string }> {
  const badge = page.getByTestId('signature-badge');
  await badge.waitFor();
  await badge.click();
  const details = page.getByTestId('signature-details');
  await details.waitFor();
  return { status: await badge.getAttribute('data-status'), text: (await badge.textContent())?.trim() ?? '', details: (await details.textContent()) ?? '' };
}

describe('signature badges in Chromium', () => {
  let server: RunningServer;
  let chromium: { browser: Browser; close(): Promise<void> };
  let keys: TestSigningKeys;
  let meetingId: string;
  let motionId: string;
  const ids: Record<'signed' | 'edited', string> = { signed: '', edited: '' };

  beforeAll(async () => {
    keys = makeSigningKeys('UBND tỉnh An Bình');
    server = await startServer({ SIGNING_P12_FILE: keys.p12File, SIGNING_P12_PASSWORD: keys.p12Password, SIGNATURE_TRUST_DIR: keys.trustDir });
    chromium = await launchChromium();
    const cookie = await sessionCookie(server.baseUrl, 'thuky');
    const chair = await sessionCookie(server.baseUrl, 'chutoa');
    const mine = await (await fetch(`${server.baseUrl}/api/meetings/mine`, { headers: { cookie } })).json();
    meetingId = mine.find((m: { title: string }) => m.title === DEMO_MEETING)?.id ?? '';

    // Conclusions, made final and signed by the server with the organisation key, then handed round as a document.
    const post = async (who: string, path: string) => {
      const res = await fetch(`${server.baseUrl}/api/meetings/${meetingId}${path}`, { method: 'POST', headers: { cookie: who, 'content-type': 'application/json' }, body: '{}' });
      expect(res.status).toBeLessThan(300);
    };
    // The session runs (the minutes panel shows from then on); final minutes wait for the secretary's and the chair's signatures.
    // A vote is held and closed over the room's socket, as the tablets and the console do: its results sheet waits too.
    const sockets: ReturnType<typeof io>[] = [];
    const open = async (who: string) => {
      const socket = io(server.baseUrl, { path: '/api/realtime', transports: ['websocket'], reconnection: false, extraHeaders: { cookie: who } });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => (socket.once('connect', () => resolve()), socket.once('connect_error', reject)));
      return socket;
    };
    const ask = async (socket: ReturnType<typeof io>, event: 'floor:request' | 'vote:request', method: string, data: Record<string, unknown>) => {
      const reply = await socket.emitWithAck(event, { method, data: { meetingId, ...data } });
      expect({ method, reply }).toMatchObject({ method, reply: { ok: true } });
    };
    try {
      const chairSocket = await open(chair);
      await ask(chairSocket, 'floor:request', 'start', {});
      const me = async (who: string) => (await (await fetch(`${server.baseUrl}/api/auth/me`, { headers: { cookie: who } })).json()).user.id as string;
      const delegate = await sessionCookie(server.baseUrl, 'daibieu');
      const voters = [
        { cookie: chair, id: await me(chair) },
        { cookie: delegate, id: await me(delegate) },
      ];
      for (const v of voters) await ask(chairSocket, 'floor:request', 'markAttendance', { userId: v.id, status: 'present' });
      const spec = { title: 'Thông qua Kế hoạch đầu tư công năm 2027', options: [{ id: 'yes', label: 'Tán thành' }, { id: 'no', label: 'Không tán thành' }, { id: 'abstain', label: 'Không biểu quyết' }], choice: 'single', maxChoices: 1, secret: false, allowChange: true, rules: { majorityBase: 'members', threshold: 'more_than_half', quorumRequired: true } };
      const created = await fetch(`${server.baseUrl}/api/meetings/${meetingId}/motions`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ spec }) });
      expect(created.status).toBe(201);
      motionId = (await created.json()).id;
      await ask(chairSocket, 'vote:request', 'open', { motionId });
      for (const v of voters) await ask(await open(v.cookie), 'vote:request', 'cast', { motionId, forUserId: v.id, choices: ['yes'], submissionKey: `e2e-${v.id}-${Date.now()}` });
      await ask(await open(cookie), 'vote:request', 'close', { motionId });
    } finally {
      for (const socket of sockets) socket.disconnect();
    }
    await post(cookie, '/minutes/minutes/draft');
    await post(chair, '/minutes/minutes/finalize');
    await post(cookie, '/minutes/conclusions/draft');
    await post(chair, '/minutes/conclusions/finalize');
    await post(chair, '/signed/conclusions/1/sign');
    const signed = Buffer.from(await (await fetch(`${server.baseUrl}/api/meetings/${meetingId}/signed/conclusions/1/pdf`, { headers: { cookie } })).arrayBuffer());
    ids.signed = await upload(server.baseUrl, cookie, meetingId, signed, 'Thông báo kết luận đã ký số');
    ids.edited = await upload(server.baseUrl, cookie, meetingId, appendEdit(signed, 'Đã sửa'), 'Thông báo kết luận bị sửa sau khi ký');
  });
  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
    keys?.dispose();
  });

  it('shows a valid signature in the list and the reader, with who signed, the CA and why', async () => {
    const context = await tabletContext(chromium.browser, server.baseUrl);
    const page = await context.newPage();
    await login(page, 'thuky');
    await page.goto(`/meetings/${meetingId}/documents`);
    const inList = page.getByTestId(`doc-signatures-${ids.signed}`).getByTestId('signature-badge');
    await inList.waitFor();
    expect(await inList.getAttribute('data-status')).toBe('valid');
    expect(await page.getByTestId(`doc-signatures-${ids.edited}`).getByTestId('signature-badge').getAttribute('data-status')).toBe('changed_after_signing');
    await shot(page, 'signatures-list');

    await page.goto(`/meetings/${meetingId}/documents/${ids.signed}`);
    const valid = await readerBadge(page);
    expect(valid).toMatchObject({ status: 'valid', text: expect.stringContaining('Chữ ký số hợp lệ') });
    expect(valid.details).toContain('UBND tỉnh An Bình');
    expect(valid.details).toContain('Ký thông báo kết luận');
    expect(valid.details).toContain('Root CA Chính phủ (thử nghiệm)');
    await shot(page, 'signatures-reader-valid');
    await context.close();
  });

  it('warns in the reader that a file was changed after it was signed', async () => {
    const context = await tabletContext(chromium.browser, server.baseUrl);
    const page = await context.newPage();
    await login(page, 'thuky');
    await page.goto(`/meetings/${meetingId}/documents/${ids.edited}`);
    const edited = await readerBadge(page);
    expect(edited).toMatchObject({ status: 'changed_after_signing', text: expect.stringContaining('Đã sửa sau khi ký') });
    expect(edited.details).toContain('Tệp có thêm nội dung sau chữ ký cuối cùng.');
    await shot(page, 'signatures-reader-changed');
    await context.close();
  });

  it('the secretary, then the chair sign the final minutes with the organisation key; both signatures show, valid', async () => {
    /** The minutes on the meeting page: a tab of their own for the secretary; further down the chair's one page during the session. */
    const openMinutes = async (page: Page) => {
      await page.goto(`/meetings/${meetingId}`);
      const tab = page.getByTestId('meeting-tab-minutes');
      await tab.or(page.getByTestId('minutes-panel')).first().waitFor();
      if (await tab.isVisible()) await tab.click();
    };
    const signAs = async (username: string, role: 'secretary' | 'chair') => {
      const context = await tabletContext(chromium.browser, server.baseUrl);
      const page = await context.newPage();
      await login(page, username);
      await openMinutes(page);
      const panel = page.getByTestId('signing-minutes');
      await panel.waitFor();
      await panel.scrollIntoViewIfNeeded();
      await panel.getByTestId('sign-org-minutes').click();
      await panel.getByTestId(`signed-minutes-${role}`).waitFor();
      // Signed in one's own area: the buttons go, the badge says what the server found.
      expect(await panel.getByTestId('sign-org-minutes').count()).toBe(0);
      return { context, page, panel };
    };

    const first = await signAs('thuky', 'secretary');
    expect(await first.panel.getByTestId('signature-badge').getAttribute('data-status')).toBe('valid');
    expect(await first.panel.getByTestId('signed-minutes-chair').count()).toBe(0);
    await shot(first.page, 'signatures-minutes-secretary');
    await first.context.close();

    const second = await signAs('chutoa', 'chair');
    const badge = second.panel.getByTestId('signature-badge');
    expect(await badge.getAttribute('data-status')).toBe('valid');
    expect((await badge.textContent())?.replace(/\s+/g, ' ')).toContain('(2)');
    expect(await second.panel.getByTestId('signed-minutes-secretary').textContent()).toContain('Thư ký: Nguyễn Thị Thu Hà (khóa của cơ quan)');
    expect(await second.panel.getByTestId('signed-minutes-chair').textContent()).toContain('Chủ tọa:');
    await badge.click();
    const details = second.panel.getByTestId('signature-details');
    await details.waitFor();
    expect(await details.locator('.sig[data-status="valid"]').count()).toBe(2);
    expect(await details.textContent()).toContain('Ký biên bản cuộc họp');
    await shot(second.page, 'signatures-minutes-both', { fullPage: true });
    // Reloaded, the page reads the same from the server.
    await second.page.reload();
    await openMinutes(second.page);
    await second.page.getByTestId('signing-minutes').getByTestId('signed-minutes-secretary').waitFor();
    expect(await second.page.getByTestId('signing-minutes').getByTestId('signed-minutes-chair').count()).toBe(1);
    await second.context.close();
  });

  it('the secretary and the chair sign a closed vote’s results sheet from the chair’s console', async () => {
    for (const [username, role] of [
      ['thuky', 'secretary'],
      ['chutoa', 'chair'],
    ] as const) {
      const context = await tabletContext(chromium.browser, server.baseUrl);
      const page = await context.newPage();
      await login(page, username);
      await page.goto(`/meetings/${meetingId}`);
      const tab = page.getByTestId('meeting-tab-session');
      await tab.or(page.getByTestId('live-tab-votes')).first().waitFor();
      if (await tab.isVisible()) await tab.click();
      await page.getByTestId('live-tab-votes').click();
      const panel = page.getByTestId(`vote-chair-result-${motionId}`).getByTestId('signing-vote_result');
      await panel.waitFor();
      await panel.scrollIntoViewIfNeeded();
      await panel.getByTestId('sign-org-vote_result').click();
      await panel.getByTestId(`signed-vote_result-${role}`).waitFor();
      expect(await panel.getByTestId('signature-badge').getAttribute('data-status')).toBe('valid');
      if (role === 'chair') {
        expect(await panel.getByTestId('signed-vote_result-secretary').count()).toBe(1);
        expect((await panel.getByTestId('signature-badge').textContent())?.replace(/\s+/g, ' ')).toContain('(2)');
        await shot(page, 'signatures-vote-result');
      }
      await context.close();
    }
    // The results sheet is now the signed file: the same bytes from both addresses.
    const cookie = await sessionCookie(server.baseUrl, 'daibieu');
    const sheet = Buffer.from(await (await fetch(`${server.baseUrl}/api/meetings/${meetingId}/motions/${motionId}/result.pdf`, { headers: { cookie } })).arrayBuffer());
    const signed = Buffer.from(await (await fetch(`${server.baseUrl}/api/meetings/${meetingId}/signed/vote_result/${motionId}/pdf`, { headers: { cookie } })).arrayBuffer());
    expect(sheet.equals(signed)).toBe(true);
  });

  it('a signer asking for their token links also gets them for VGCA Sign Service, and is told when it is not running', async () => {
    // A correction of the minutes (version 2), final and not signed yet.
    const post = async (who: string, path: string) => {
      const res = await fetch(`${server.baseUrl}/api/meetings/${meetingId}${path}`, { method: 'POST', headers: { cookie: await sessionCookie(server.baseUrl, who), 'content-type': 'application/json' }, body: '{}' });
      expect(res.status).toBeLessThan(300);
    };
    await post('thuky', '/minutes/minutes/draft');
    await post('chutoa', '/minutes/minutes/finalize');
    const context = await tabletContext(chromium.browser, server.baseUrl);
    const page = await context.newPage();
    await login(page, 'thuky');
    await page.goto(`/meetings/${meetingId}`);
    await page.getByTestId('meeting-tab-minutes').click();
    const panel = page.getByTestId('signing-minutes');
    await panel.getByTestId('sign-token-minutes').click();
    const vgca = panel.getByTestId('sign-vgca-minutes');
    await vgca.locator('summary').click();
    const params = JSON.parse(await vgca.locator('textarea').inputValue());
    expect(params).toMatchObject({ FileUploadHandler: expect.stringMatching(/\/api\/signing\/[\w-]+\/vgca$/), FileName: expect.stringMatching(/\/document$/), SessionId: '', JWTToken: '' });
    // No VGCA Sign Service on this machine: the signer is told, in Vietnamese, and the links stay.
    await vgca.getByRole('button').click();
    await vgca.getByRole('alert').waitFor();
    expect(await vgca.getByRole('alert').textContent()).toContain('Không kết nối được VGCA Sign Service');
    await vgca.scrollIntoViewIfNeeded();
    await shot(page, 'signatures-vgca-links');
    await context.close();
  });
});
