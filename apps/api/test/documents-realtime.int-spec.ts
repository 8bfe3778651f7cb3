import { type DocumentDto, type DocumentsChangedNotice } from '@phonghop/contracts';
import { vietnamesePdf } from './fixtures/pdfs';
import { connectSocket, connected, type PhClient } from './support/socket';
import { type Browser, ENGINE, signedIn, startTestApp, type TestApp } from './support/test-app';
import { uploadPdf } from './support/documents';

jest.setTimeout(60_000);

/** Collects `documents:changed` notices of one socket, so a test can wait for the n-th one. */
function changesOf(socket: PhClient) {
  const seen: DocumentsChangedNotice[] = [];
  socket.on('documents:changed', (n) => seen.push(n));
  return {
    seen,
    async waitFor(n: number, timeoutMs = 3000): Promise<DocumentsChangedNotice[]> {
      const until = Date.now() + timeoutMs;
      while (seen.length < n) {
        if (Date.now() > until) throw new Error(`only ${seen.length} of ${n} documents:changed arrived`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return seen;
    },
  };
}

/** Lets events already on the wire arrive before a test asserts that nothing came. */
const settle = () => new Promise((r) => setTimeout(r, 300));

describe(`documents realtime (${ENGINE})`, () => {
  let t: TestApp;
  let meetingId: string;
  let secretary: Browser;
  let delegate: Browser;
  let outsider: Browser;
  const sockets: PhClient[] = [];

  async function open(b: Browser): Promise<PhClient> {
    const s = connectSocket(t.baseUrl, b.cookie);
    sockets.push(s);
    await connected(s);
    return s;
  }

  /** Start, one PUT, complete (as the secretary). */
  async function upload(title: string, replacesDocumentId?: string): Promise<DocumentDto> {
    const complete = { title, ...(replacesDocumentId ? { replacesDocumentId } : {}) };
    return uploadPdf(t.baseUrl, secretary, meetingId, await vietnamesePdf([[title]], title), complete, `${title}.pdf`);
  }

  beforeAll(async () => {
    t = await startTestApp();
    secretary = await signedIn(t.baseUrl, 'thuky');
    delegate = await signedIn(t.baseUrl, 'daibieu');
    outsider = await signedIn(t.baseUrl, 'khachmoi');
    meetingId = (await secretary.get('/api/meetings/mine')).body[0].id;
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.destroy();
  });

  it('tells every participant’s devices when documents are published, get a new version or go, and nobody else', async () => {
    const tablet = changesOf(await open(delegate));
    const phone = changesOf(await open(delegate));
    const stranger = changesOf(await open(outsider));

    // An unpublished draft is the secretaries' business only.
    const doc = await upload('Tờ trình dự toán');
    await settle();
    expect(tablet.seen).toEqual([]);

    expect((await secretary.post(`/api/documents/${doc.id}/publish`)).status).toBe(200);
    expect(await tablet.waitFor(1)).toEqual([{ meetingId }]);
    expect(await phone.waitFor(1)).toEqual([{ meetingId }]);

    // A new version of a published document reaches the tablets at once.
    const v2 = await upload('Tờ trình dự toán (sửa)', doc.id);
    expect(v2.current.version).toBe(2);
    expect(await tablet.waitFor(2)).toEqual([{ meetingId }, { meetingId }]);

    expect((await secretary.delete(`/api/documents/${doc.id}`)).status).toBe(204);
    expect(await tablet.waitFor(3)).toHaveLength(3);

    await settle();
    expect(stranger.seen).toEqual([]);
    expect(phone.seen).toHaveLength(3);
  });
});
