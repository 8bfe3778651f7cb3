import { type DocumentDto, type DocumentsChangedNotice, MAX_PUBLISH_BATCH } from '@phonghop/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { vietnamesePdf } from './fixtures/pdfs';
import { connectSocket, connected, type PhClient } from './support/socket';
import { type Browser, ENGINE, signedIn, startTestApp, type TestApp } from './support/test-app';
import { uploadPdf } from './support/documents';

const USERS = ['quantri', 'thuky', 'chutoa', 'daibieu', 'khachmoi', 'diemcau.phuloc'] as const;
type Username = (typeof USERS)[number];

jest.setTimeout(60_000);

/** Lets events already on the wire arrive before a test asserts that nothing more came. */
const settle = () => new Promise((r) => setTimeout(r, 300));

/**
 * "Phát hành tất cả" (`POST /meetings/:meetingId/documents/publish`): the documents the secretary confirmed go out
 * together in one transaction — all or none — with the same rights as publishing one, and the tablets hear once.
 */
describe(`publish all (${ENGINE})`, () => {
  let t: TestApp;
  let meetingId: string;
  const as = {} as Record<Username, Browser>;
  const sockets: PhClient[] = [];

  /** Start, one PUT, complete, as the secretary (or another manager) of `meeting`. */
  async function upload(title: string, meeting = meetingId, who: Username = 'thuky'): Promise<DocumentDto> {
    return uploadPdf(t.baseUrl, as[who], meeting, await vietnamesePdf([[title]], title), { title }, `${title}.pdf`);
  }

  const publishAll = (who: Username, documentIds: unknown, meeting = meetingId) => as[who].post(`/api/meetings/${meeting}/documents/publish`, { documentIds });
  const published = async (id: string) => ((await as.thuky.get(`/api/documents/${id}`)).body as DocumentDto).published;

  beforeAll(async () => {
    t = await startTestApp();
    for (const u of USERS) as[u] = await signedIn(t.baseUrl, u);
    meetingId = (await as.thuky.get('/api/meetings/mine')).body[0].id;
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.destroy();
  });

  it('publishes the listed documents together, returns them in the order asked and tells the tablets once', async () => {
    const socket = connectSocket(t.baseUrl, as.daibieu.cookie);
    sockets.push(socket);
    await connected(socket);
    const notices: DocumentsChangedNotice[] = [];
    socket.on('documents:changed', (n) => notices.push(n));

    const agenda = await upload('Chương trình phiên họp');
    const report = await upload('Báo cáo kinh tế - xã hội');
    const already = await upload('Tờ trình đã phát hành');
    expect((await as.thuky.post(`/api/documents/${already.id}/publish`)).status).toBe(200);
    await settle();
    notices.length = 0;

    const res = await publishAll('thuky', [report.id, already.id, agenda.id]);
    expect(res.status).toBe(200);
    const docs = res.body as DocumentDto[];
    expect(docs.map((d) => d.id)).toEqual([report.id, already.id, agenda.id]);
    expect(docs.every((d) => d.published)).toBe(true);

    // The delegate's list has them now, and their tablet was told once for the whole batch.
    const seen = ((await as.daibieu.get(`/api/meetings/${meetingId}/documents`)).body as DocumentDto[]).map((d) => d.id);
    expect(seen).toEqual(expect.arrayContaining([agenda.id, report.id, already.id]));
    await settle();
    expect(notices).toEqual([{ meetingId }]);

    // One moment for the batch; the paper published earlier keeps its own.
    const rows: { id: string; publishedAt: unknown }[] = await t.app
      .get(DataSource)
      .query(`SELECT id, published_at AS "publishedAt" FROM document WHERE id IN ('${agenda.id}', '${report.id}', '${already.id}')`);
    const at = new Map(rows.map((r) => [r.id, new Date(r.publishedAt as string).getTime()]));
    expect(at.get(agenda.id)).toBe(at.get(report.id));
    expect(at.get(already.id)).toBeLessThan(at.get(report.id) as number);

    // Publishing what is already published changes nothing and tells nobody.
    expect((await publishAll('thuky', [agenda.id])).status).toBe(200);
    await settle();
    expect(notices).toHaveLength(1);
  });

  it('publishes nothing when one document is missing or belongs to another meeting', async () => {
    const draft = await upload('Dự thảo nghị quyết');
    const created = await as.thuky.post('/api/meetings', {
      title: 'Họp giao ban khối nội chính',
      kind: 'in_person',
      startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    });
    expect(created.status).toBe(201);
    const foreign = await upload('Tài liệu của cuộc họp khác', created.body.id);

    for (const ids of [[draft.id, foreign.id], [draft.id, randomUUID()]]) {
      const res = await publishAll('thuky', ids);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: 'DOCUMENT_NOT_FOUND' });
      expect(res.body.message.vi).toBeTruthy();
    }
    expect(await published(draft.id)).toBe(false);
    expect(await published(foreign.id)).toBe(false);
  });

  it('refuses an empty, repeated, malformed or oversized list', async () => {
    const id = (await upload('Báo cáo thẩm tra')).id;
    const tooMany = Array.from({ length: MAX_PUBLISH_BATCH + 1 }, () => randomUUID());
    for (const body of [[], [id, id], ['khong-phai-uuid'], tooMany, undefined, id]) {
      const res = await publishAll('thuky', body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    expect(await published(id)).toBe(false);
  });

  it('lets exactly those publish together who may publish one', async () => {
    const outcome = (r: { status: number; body: { code?: string } }) => (r.status < 300 ? 'ok' : `${r.status} ${r.body?.code}`);
    const table: string[] = [];
    let single = await upload('Một tài liệu');
    let batch = await upload('Cả gói');
    for (const who of USERS) {
      const one = outcome(await as[who].post(`/api/documents/${single.id}/publish`));
      const all = outcome(await publishAll(who, [batch.id]));
      table.push(`${who}: ${one} / ${all}`);
      expect(all).toBe(one);
      // A refusal leaves the paper where it was.
      expect(await published(batch.id)).toBe(all === 'ok');
      // The next person gets drafts again.
      if (one === 'ok') single = await upload(`Một tài liệu (sau ${who})`);
      if (all === 'ok') batch = await upload(`Cả gói (sau ${who})`);
    }
    expect(table).toEqual([
      'quantri: ok / ok',
      'thuky: ok / ok',
      'chutoa: 403 FORBIDDEN / 403 FORBIDDEN',
      'daibieu: 403 FORBIDDEN / 403 FORBIDDEN',
      'khachmoi: 403 MEETING_ACCESS_DENIED / 403 MEETING_ACCESS_DENIED',
      'diemcau.phuloc: 403 FORBIDDEN / 403 FORBIDDEN',
    ]);
  });
});
