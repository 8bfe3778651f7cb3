import type { Browser, Page } from 'playwright-core';
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
});
