import type { DocumentDto, MyMeetingDto, NewDocumentsCountDto } from '@phonghop/contracts';
import { vietnamesePdf } from './fixtures/pdfs';
import { type Browser, Browser as AnonymousBrowser, ENGINE, signedIn, startTestApp, type TestApp } from './support/test-app';
import { uploadPdf } from './support/documents';

const USERS = ['thuky', 'chutoa', 'daibieu', 'khachmoi'] as const;
type Username = (typeof USERS)[number];

jest.setTimeout(60_000);

/**
 * The home page's answers: my meetings with my own RSVP (GET /meetings/mine), the "tài liệu mới" of all of them in
 * one request (GET /meetings/mine/new-documents), and the public settings that carry the meeting time zone.
 */
describe(`home page answers (${ENGINE})`, () => {
  let t: TestApp;
  let meetingId: string;
  const as = {} as Record<Username, Browser>;
  const idOf = {} as Record<Username, string>;

  async function upload(title: string, extra: Record<string, unknown> = {}, meeting = meetingId): Promise<DocumentDto> {
    return uploadPdf(t.baseUrl, as.thuky, meeting, await vietnamesePdf([[title]], title), { title, ...extra }, `${title}.pdf`);
  }

  async function newCounts(who: Username): Promise<Map<string, number>> {
    const res = await as[who].get('/api/meetings/mine/new-documents');
    expect(res.status).toBe(200);
    return new Map((res.body as NewDocumentsCountDto[]).map((c) => [c.meetingId, c.count]));
  }

  const mine = async (who: Username): Promise<MyMeetingDto[]> => (await as[who].get('/api/meetings/mine')).body;

  beforeAll(async () => {
    t = await startTestApp();
    for (const u of USERS) {
      as[u] = await signedIn(t.baseUrl, u);
      idOf[u] = (await as[u].get('/api/auth/me')).body.user.id;
    }
    meetingId = (await mine('thuky'))[0].id;
  });
  afterAll(() => t.destroy());

  it('gives each card the caller’s own RSVP, which follows their answer', async () => {
    const before = (await mine('daibieu')).find((m) => m.id === meetingId);
    expect(before).toMatchObject({ myRole: 'delegate', myRsvp: 'pending' });
    expect((await as.daibieu.post(`/api/meetings/${meetingId}/rsvp`, { response: 'attend' })).status).toBe(200);
    expect((await mine('daibieu')).find((m) => m.id === meetingId)?.myRsvp).toBe('attending');
    // Nobody else's answer changed.
    expect((await mine('chutoa')).find((m) => m.id === meetingId)?.myRsvp).toBe('pending');
  });

  it('counts published documents each caller may see and has not opened, in their meetings only', async () => {
    expect(await newCounts('daibieu')).toEqual(new Map([[meetingId, 0]]));
    const forAll = await upload('Báo cáo tình hình kinh tế - xã hội');
    const forDelegate = await upload('Tờ trình riêng cho đại biểu', { access: 'named', namedUserIds: [idOf.daibieu] });
    await upload('Dự thảo chưa phát hành');
    for (const d of [forAll, forDelegate]) expect((await as.thuky.post(`/api/documents/${d.id}/publish`)).status).toBe(200);

    // Another meeting with a published document, which these delegates are not invited to.
    const other = await as.thuky.post('/api/meetings', { title: 'Họp chuyên đề khác', kind: 'in_person', startsAt: new Date(Date.now() + 5 * 86_400_000).toISOString() });
    expect(other.status).toBe(201);
    const foreign = await upload('Tài liệu cuộc họp khác', {}, other.body.id);
    expect((await as.thuky.post(`/api/documents/${foreign.id}/publish`)).status).toBe(200);

    expect(await newCounts('daibieu')).toEqual(new Map([[meetingId, 2]]));
    // The named paper is not the chair's; the draft is nobody's news; the other meeting is not theirs.
    expect(await newCounts('chutoa')).toEqual(new Map([[meetingId, 1]]));
    // The secretary uploaded everything: nothing is new to her, in either meeting.
    expect(await newCounts('thuky')).toEqual(new Map([
      [meetingId, 0],
      [other.body.id, 0],
    ]));
    // No meetings, no counts; no session, no answer.
    expect(await newCounts('khachmoi')).toEqual(new Map());
    expect((await new AnonymousBrowser(t.baseUrl).get('/api/meetings/mine/new-documents')).status).toBe(401);

    // Opening a document (the tablet's saved copy here) takes it off the count for that reader only.
    expect((await as.daibieu.post(`/api/documents/${forAll.id}/versions/1/opened`)).status).toBeLessThan(300);
    expect(await newCounts('daibieu')).toEqual(new Map([[meetingId, 1]]));
    expect(await newCounts('chutoa')).toEqual(new Map([[meetingId, 1]]));

    // A new version is news again.
    await upload('Báo cáo tình hình kinh tế - xã hội (bản sửa)', { replacesDocumentId: forAll.id });
    expect(await newCounts('daibieu')).toEqual(new Map([[meetingId, 2]]));
  });

  it('tells anyone, signed in or not, the zone meeting times are shown in', async () => {
    const res = await new AnonymousBrowser(t.baseUrl).get('/api/settings');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ timeZone: 'Asia/Ho_Chi_Minh' });
  });
});
