import { type DocumentDto, type SearchHitDto, SESSION_COOKIE } from '@phonghop/contracts';
import { pdfText, vietnamesePdf } from './fixtures/pdfs';
import { type Browser, ENGINE, signedIn, startTestApp, type TestApp } from './support/test-app';
import { uploadPdf } from './support/documents';

jest.setTimeout(60_000);

const USERS = ['quantri', 'thuky', 'chutoa', 'daibieu'] as const;
type Username = (typeof USERS)[number];

/** Page 2 holds the secret sentence the tests look for. */
const SECRET_PAGES = [['MẬT — Phương án sắp xếp nhân sự năm 2027'], ['Điều động ông Nguyễn Văn Phúc làm Giám đốc Sở Tài chính.']];
const SECRET_SENTENCE = 'Điều động ông Nguyễn Văn Phúc làm Giám đốc Sở Tài chính.';

/**
 * Hostile review, issue 15, finding 2: the text of a confidential document must not be served without the
 * reader's name stamped on it. The PDF is stamped per viewer; the text route refuses, search gives pages only.
 */
describe(`confidential documents: no unstamped text (${ENGINE})`, () => {
  let t: TestApp;
  let meetingId: string;
  let secret: DocumentDto;
  let open: DocumentDto;
  const as = {} as Record<Username, Browser>;

  async function uploadPublished(pages: string[][], complete: Record<string, unknown>): Promise<DocumentDto> {
    const doc = await uploadPdf(t.baseUrl, as.thuky, meetingId, await vietnamesePdf(pages), complete);
    expect((await as.thuky.post(`/api/documents/${doc.id}/publish`)).status).toBe(200);
    return doc;
  }

  /** Waits until the background work has extracted the version's text (search and the text route need it). */
  async function textReady(documentId: string): Promise<void> {
    const until = Date.now() + 30_000;
    for (;;) {
      const versions = (await as.thuky.get(`/api/documents/${documentId}/versions`)).body as { version: number; textReady: boolean }[];
      if (versions.find((v) => v.version === 1)?.textReady) return;
      if (Date.now() > until) throw new Error(`text of ${documentId} not extracted in time`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const search = async (who: Username, q: string) => {
    const res = await as[who].get(`/api/meetings/${meetingId}/search?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(200);
    return { hits: res.body as SearchHitDto[], raw: JSON.stringify(res.body) };
  };

  beforeAll(async () => {
    t = await startTestApp();
    for (const u of USERS) as[u] = await signedIn(t.baseUrl, u);
    meetingId = (await as.thuky.get('/api/meetings/mine')).body[0].id;
    secret = await uploadPublished(SECRET_PAGES, { title: 'Phương án nhân sự', access: 'confidential' });
    open = await uploadPublished([['Chương trình họp'], ['Điều động xe phục vụ đoàn công tác của Sở Tài chính.']], { title: 'Chương trình họp' });
    await textReady(secret.id);
    await textReady(open.id);
  });
  afterAll(() => t.destroy());

  it('refuses the text of a confidential document with a stable code, to readers and to the secretary alike', async () => {
    for (const who of ['daibieu', 'chutoa', 'thuky'] as const) {
      const res = await as[who].get(`/api/documents/${secret.id}/versions/1/text`);
      expect([who, res.status, res.body.code]).toEqual([who, 403, 'DOCUMENT_TEXT_CONFIDENTIAL']);
      expect(res.body.message).toEqual({ vi: expect.stringContaining('Tài liệu mật'), en: expect.stringContaining('confidential') });
      expect(JSON.stringify(res.body)).not.toContain('Nguyễn Văn Phúc');
    }
    // An administrator outside the meeting reads no confidential document at all (as before).
    expect((await as.quantri.get(`/api/documents/${secret.id}/versions/1/text`)).body.code).toBe('MEETING_ACCESS_DENIED');
    // Other documents' text is served as before.
    const text = await as.daibieu.get(`/api/documents/${open.id}/versions/1/text`);
    expect(text.status).toBe(200);
    expect(text.body[1].text).toContain('Điều động xe phục vụ đoàn công tác');
  });

  it('finds words in a confidential document by page, without any of its text', async () => {
    const { hits, raw } = await search('daibieu', 'dieu dong');
    const inSecret = hits.filter((h) => h.documentId === secret.id);
    expect(inSecret).toEqual([{ documentId: secret.id, version: 1, page: 2, snippet: '' }]);
    expect(raw).not.toContain('Nguyễn Văn Phúc');
    expect(raw).not.toContain('Giám đốc Sở Tài chính');
    // The other document's hit keeps its snippet.
    expect(hits.find((h) => h.documentId === open.id)).toMatchObject({ page: 2, snippet: expect.stringContaining('Điều động xe') });
    // A word only the confidential document has: found, still without text.
    expect((await search('chutoa', 'nguyen van phuc')).hits).toEqual([{ documentId: secret.id, version: 1, page: 2, snippet: '' }]);
  });

  it('the reader’s own copy is where the text is: stamped with the reader’s name on the page that has it', async () => {
    const res = await fetch(`${t.baseUrl}/api/documents/${secret.id}/versions/1/file`, { headers: { cookie: `${SESSION_COOKIE}=${as.daibieu.cookie}` } });
    expect(res.status).toBe(200);
    const pages = await pdfText(Buffer.from(await res.arrayBuffer()));
    // What the reader's in-document search (pdf.js over this copy) finds, next to the reader's name.
    expect(pages[1]).toContain(SECRET_SENTENCE);
    expect(pages[1]).toContain('Lê Hoàng Nam');
  });

  it('follows the access setting: a document made confidential stops serving its text, and serves it again when no longer', async () => {
    expect((await as.thuky.patch(`/api/documents/${open.id}`, { access: 'confidential' })).status).toBe(200);
    expect((await as.daibieu.get(`/api/documents/${open.id}/versions/1/text`)).body.code).toBe('DOCUMENT_TEXT_CONFIDENTIAL');
    expect((await search('daibieu', 'doan cong tac')).hits).toEqual([{ documentId: open.id, version: 1, page: 2, snippet: '' }]);
    expect((await as.thuky.patch(`/api/documents/${open.id}`, { access: 'all' })).status).toBe(200);
    expect((await as.daibieu.get(`/api/documents/${open.id}/versions/1/text`)).status).toBe(200);
    expect((await search('daibieu', 'doan cong tac')).hits[0].snippet).toContain('đoàn công tác');
  });
});
