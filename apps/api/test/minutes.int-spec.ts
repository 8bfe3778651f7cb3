import {
  type FloorMethod,
  type FloorRequests,
  type MeetingStatisticsDto,
  type MinutesDto,
  SESSION_COOKIE,
  type VoteMethod,
  type VoteRequests,
  type VoteResultDto,
  yesNoMotion,
} from '@phonghop/contracts';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { vietnamesePdf } from './fixtures/pdfs';
import { connectSocket, connected, type PhClient } from './support/socket';
import { type Browser, ENGINE, signedIn, startTestApp, type TestApp } from './support/test-app';

type Reply = { ok: true; data: unknown } | { ok: false; error: { code: string } };
const USERS = ['thuky', 'chutoa', 'daibieu', 'diemcau.phuloc', 'khachmoi', 'quantri'] as const;
type Username = (typeof USERS)[number];

const run = promisify(execFile);
const SITE = 'Điểm cầu UBND huyện Phú Lộc';
const AGENDA = ['Báo cáo tình hình kinh tế - xã hội tháng 12', 'Dự toán ngân sách năm 2027'];
const MOTION = 'Thông qua Báo cáo tình hình kinh tế - xã hội tháng 12';

jest.setTimeout(60_000);

describe(`minutes, conclusions and statistics (${ENGINE})`, () => {
  let t: TestApp;
  let meetingId: string;
  let agenda: { id: string; title: string }[];
  let documentId: string;
  let motionId: string;
  const receipts: string[] = [];
  const as = {} as Record<Username, Browser>;
  const ids = {} as Record<Username, string>;
  const sockets: PhClient[] = [];
  const base = () => `/api/meetings/${meetingId}`;

  const open = async (who: Username) => {
    const s = connectSocket(t.baseUrl, as[who].cookie);
    sockets.push(s);
    await connected(s);
    return s;
  };
  const floor = async <M extends FloorMethod>(s: PhClient, method: M, data: Omit<FloorRequests[M]['req'], 'meetingId'>) => {
    const reply = (await s.emitWithAck('floor:request', { method, data: { meetingId, ...data } } as never)) as Reply;
    if (!reply.ok) throw new Error(`${method}: ${reply.error.code}`);
    return reply.data as Record<string, unknown>;
  };
  const vote = async <M extends VoteMethod>(s: PhClient, method: M, data: Omit<VoteRequests[M]['req'], 'meetingId'>) =>
    (await s.emitWithAck('vote:request', { method, data: { meetingId, ...data } } as never)) as { ok: true; data: VoteRequests[M]['res'] } | { ok: false; error: { code: string } };
  /** Raw bytes (uploads, PDFs) with one person's session. */
  const raw = async (who: Username, method: string, path: string, body?: Uint8Array) => {
    const headers = { cookie: `${SESSION_COOKIE}=${as[who].cookie}`, ...(body ? { 'content-type': 'application/octet-stream' } : {}) };
    const res = await fetch(`${t.baseUrl}${path}`, { method, headers, body } as RequestInit);
    return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  };
  const put = (who: Username, path: string, body: unknown) => as[who].request('PUT', path, body);
  /** What poppler reads: the page as laid out, then the text in reading order with spaces collapsed (for wrapped lines). */
  const pdfText = async (bytes: Buffer, name: string) => {
    const file = join(t.dataDir, name);
    writeFileSync(file, bytes);
    const layout = (await run('pdftotext', ['-layout', file, '-'])).stdout;
    const flowing = (await run('pdftotext', [file, '-'])).stdout.replace(/\s+/g, ' ');
    return `${layout}\n${flowing}`;
  };

  beforeAll(async () => {
    t = await startTestApp();
    for (const u of USERS) {
      as[u] = await signedIn(t.baseUrl, u);
      ids[u] = (await as[u].get('/api/auth/me')).body.user.id;
    }
    meetingId = (await as.chutoa.get('/api/meetings/mine')).body[0].id;
    for (const [i, title] of AGENDA.entries()) {
      expect((await as.thuky.post(`${base()}/agenda`, { title, plannedMinutes: 30 - i * 15 })).status).toBe(201);
    }
    agenda = (await as.thuky.get(`${base()}/agenda`)).body;
    // A second delegate, who will be absent with a reason.
    expect((await as.thuky.post(`${base()}/participants`, { meetingRole: 'delegate', userIds: [ids.quantri] })).status).toBe(200);
    // One published paper, for the distribution figures.
    const pdf = await vietnamesePdf([['Báo cáo tình hình kinh tế - xã hội tháng 12']]);
    const upload = (await as.thuky.post(`${base()}/uploads`, { fileName: 'Báo cáo.pdf', sizeBytes: pdf.length })).body.uploadId as string;
    expect((await raw('thuky', 'PUT', `/api/uploads/${upload}?offset=0`, pdf)).status).toBe(200);
    documentId = (await as.thuky.post(`/api/uploads/${upload}/complete`, { title: 'Báo cáo KT-XH tháng 12' })).body.id;
    expect((await as.thuky.post(`/api/documents/${documentId}/publish`)).status).toBe(200);
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(() => t.destroy());

  it('runs a short session: start, check-in, an item, two speeches, the end', async () => {
    const chair = await open('chutoa');
    const delegate = await open('daibieu');
    const site = await open('diemcau.phuloc');
    await floor(chair, 'start', {});
    const { code } = (await as.thuky.get(`${base()}/check-in-code`)).body;
    for (const who of ['daibieu', 'chutoa'] as const) expect((await as[who].post(`${base()}/check-in`, { code })).status).toBe(204);
    await floor(site, 'confirmRollCall', { userIds: [] });
    await floor(chair, 'markAttendance', { userId: ids.quantri, status: 'absent', reason: 'Đi công tác nước ngoài' });
    await floor(chair, 'openItem', { itemId: agenda[0].id });

    const asked = await floor(delegate, 'requestFloor', { kind: 'speech', topic: 'Về dự toán ngân sách' });
    await floor(chair, 'giveFloor', { requestId: asked['requestId'] as string, seconds: 60 });
    await new Promise((r) => setTimeout(r, 1100));
    await floor(chair, 'endSpeech', {});
    const order = await floor(site, 'requestFloor', { kind: 'point_of_order', topic: null });
    await floor(chair, 'giveFloor', { requestId: order['requestId'] as string, seconds: 30 });

    // A named vote on the item: its results sheet is refused while it runs.
    motionId = (await as.thuky.post(`${base()}/motions`, { spec: yesNoMotion(MOTION), itemId: agenda[0].id })).body.id;
    expect(await vote(chair, 'open', { motionId })).toMatchObject({ ok: true });
    expect((await as.daibieu.get(`${base()}/motions/${motionId}/result.pdf`)).body.code).toBe('VOTE_STILL_OPEN');
    expect((await raw('daibieu', 'GET', `${base()}/motions/${motionId}/result.pdf`)).status).toBe(409);
    for (const [who, s] of [['chutoa', chair], ['daibieu', delegate]] as const) {
      const cast = await vote(s, 'cast', { motionId, forUserId: ids[who], choices: ['yes'], submissionKey: `minutes-${who}-${Date.now()}` });
      if (!cast.ok) throw new Error(`cast: ${cast.error.code}`);
      receipts.push(cast.data.receipt);
    }
    expect(await vote(chair, 'close', { motionId })).toMatchObject({ ok: true });
    await floor(chair, 'end', {});
    expect((await as.chutoa.get(base())).body.status).toBe('ended');

    // The delegate's tablet stored the paper and opened it.
    expect((await as.daibieu.post(`/api/documents/${documentId}/versions/1/received`)).status).toBe(204);
    expect((await raw('daibieu', 'GET', `/api/documents/${documentId}/versions/1/file`)).status).toBe(200);
  });

  it('keeps minutes to those who preside, drafts to the secretaries', async () => {
    expect((await as.thuky.get(`${base()}/minutes/minutes`)).body.code).toBe('MINUTES_NOT_FOUND');
    expect((await as.khachmoi.get(`${base()}/minutes/minutes`)).body.code).toBe('MEETING_ACCESS_DENIED');
    expect((await as.khachmoi.post(`${base()}/minutes/minutes/draft`)).body.code).toBe('MEETING_ACCESS_DENIED');
    expect((await as.thuky.get(`${base()}/minutes/agenda`)).status).toBe(404);
    for (const who of ['chutoa', 'daibieu', 'diemcau.phuloc'] as const) {
      expect({ who, code: (await as[who].post(`${base()}/minutes/minutes/draft`)).body.code }).toEqual({ who, code: 'FORBIDDEN' });
    }
    expect((await as.daibieu.get(`${base()}/statistics`)).body.code).toBe('FORBIDDEN');
    expect((await as.khachmoi.get(`${base()}/statistics`)).body.code).toBe('MEETING_ACCESS_DENIED');
  });

  it('pre-fills the first draft with the facts of the record', async () => {
    const created = await as.thuky.post(`${base()}/minutes/minutes/draft`);
    expect(created.status).toBe(201);
    const draft = created.body as MinutesDto;
    expect(draft).toMatchObject({ meetingId, kind: 'minutes', version: 1, revision: 0, status: 'draft', number: '', items: [], updatedByName: 'Nguyễn Thị Thu Hà', finalizedAt: null });
    const body = draft.bodyHtml;
    for (const fact of [
      'Thời gian bắt đầu: ',
      'Địa điểm: Phòng họp số 1, trụ sở UBND tỉnh; kết nối trực tuyến với 1 điểm cầu (Điểm cầu UBND huyện Phú Lộc)',
      'có mặt 3/4 đại biểu được mời (tại hội trường: 2; tại các điểm cầu: 1)',
      '<li>Đỗ Quang Huy (Văn phòng UBND tỉnh): Đi công tác nước ngoài;</li>',
      'Chủ trì (chủ tọa): đồng chí Trần Văn Minh, Chủ tịch UBND tỉnh',
      'Thư ký (người ghi biên bản): Nguyễn Thị Thu Hà, Chuyên viên Văn phòng UBND tỉnh',
      `<h3>1. ${AGENDA[0]}</h3>`,
      'dự kiến 30 phút',
      '<li>Lê Hoàng Nam (Sở Khoa học và Công nghệ) – “Về dự toán ngân sách” (',
      `<li>${SITE} – kiến nghị về thủ tục (`,
      // Under its item: 2 of the 3 members (the chair and two delegates, one absent) said yes.
      `<p>Biểu quyết thông qua Báo cáo tình hình kinh tế - xã hội tháng 12: 2/3 thành viên tán thành (đạt 66,67%), 0 không tán thành, 0 không biểu quyết. Kết quả: thông qua.</p><h3>2. ${AGENDA[1]}</h3>`,
      `<h3>2. ${AGENDA[1]}</h3><p><em>(không thảo luận tại cuộc họp; dự kiến 15 phút)</em></p>`,
      'Cuộc họp kết thúc vào ',
    ]) {
      expect(body).toContain(fact);
    }
    expect(body).toMatch(/Cuộc họp kết thúc vào \d\d giờ \d\d phút cùng ngày\.\/\.<\/p>$/);
    // Asking again returns the same draft, unchanged.
    const again = await as.thuky.post(`${base()}/minutes/minutes/draft`);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(draft);
  });

  it('saves optimistically: a stale version or revision is a conflict, the text is sanitized', async () => {
    const url = `${base()}/minutes/minutes/draft`;
    const current = (await as.thuky.get(`${base()}/minutes/minutes`)).body as MinutesDto;
    const edited = `${current.bodyHtml}<p onclick="x()">Đồng chí Chủ tịch <b>kết luận</b>.<script>alert(1)</script></p>`;
    expect((await put('thuky', url, { bodyHtml: edited, number: '12/BB-UBND', baseVersion: 1, baseRevision: 3 })).body.code).toBe('MINUTES_CONFLICT');
    expect((await put('thuky', url, { bodyHtml: edited, number: '12/BB-UBND', baseVersion: 2, baseRevision: 0 })).status).toBe(409);
    expect((await put('daibieu', url, { bodyHtml: edited, number: '', baseVersion: 1, baseRevision: 0 })).body.code).toBe('FORBIDDEN');
    expect((await put('thuky', url, { bodyHtml: edited, number: '12/BB-UBND', baseVersion: 1 })).body.code).toBe('VALIDATION_FAILED');
    const big = await put('thuky', url, { bodyHtml: `<p>${'a'.repeat(200_001)}</p>`, number: '', baseVersion: 1, baseRevision: 0 });
    expect(big.status).toBe(400);
    expect(big.body).toMatchObject({ code: 'MINUTES_HTML_TOO_LARGE', details: [{ field: 'bodyHtml' }] });

    const saved = await put('thuky', url, { bodyHtml: edited, number: '12/BB-UBND', baseVersion: 1, baseRevision: 0 });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: 1, revision: 1, status: 'draft', number: '12/BB-UBND' });
    expect(saved.body.bodyHtml).toContain('<p>Đồng chí Chủ tịch <strong>kết luận</strong>.</p>');
    expect(saved.body.bodyHtml).not.toMatch(/script|onclick|alert/);
    // A second editor still holding revision 0 would overwrite the first's save, and is refused.
    expect((await put('thuky', url, { bodyHtml: '<p>Bản cũ</p>', number: '', baseVersion: 1, baseRevision: 0 })).body.code).toBe('MINUTES_CONFLICT');
    // Two saves from the same revision at the same moment: one is stored, the other told to reload.
    const both = await Promise.all(
      ['<p>A</p>', '<p>B</p>'].map((extra) => put('thuky', url, { bodyHtml: saved.body.bodyHtml + extra, number: '12/BB-UBND', baseVersion: 1, baseRevision: 1 })),
    );
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(both.find((r) => r.status === 409)?.body.code).toBe('MINUTES_CONFLICT');
    expect((await as.thuky.get(`${base()}/minutes/minutes`)).body).toMatchObject({ revision: 2, bodyHtml: both.find((r) => r.status === 200)?.body.bodyHtml });
  });

  it('shows a delegate no draft, finalizes once, then only the final version is readable by all', async () => {
    expect((await as.daibieu.get(`${base()}/minutes/minutes`)).body.code).toBe('MINUTES_NOT_FOUND');
    expect((await as.daibieu.get(`${base()}/minutes/minutes/versions`)).body).toEqual([]);
    expect((await raw('daibieu', 'GET', `${base()}/minutes/minutes/versions/1/pdf`)).status).toBe(404);

    const url = `${base()}/minutes/minutes/finalize`;
    for (const who of ['daibieu', 'diemcau.phuloc'] as const) expect((await as[who].post(url)).body.code).toBe('FORBIDDEN');
    expect((await as.chutoa.post(url, { baseRevision: 0 })).body.code).toBe('MINUTES_CONFLICT');
    const final = await as.chutoa.post(url, { baseRevision: 2 });
    expect(final.status).toBe(200);
    expect(final.body).toMatchObject({ version: 1, status: 'final', finalizedByName: 'Trần Văn Minh', finalizedAt: expect.any(String) });
    expect((await as.thuky.post(url)).body.code).toBe('MINUTES_FINAL');
    const late = await put('thuky', `${base()}/minutes/minutes/draft`, { bodyHtml: '<p>x</p>', number: '', baseVersion: 1, baseRevision: 2 });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('MINUTES_FINAL');

    const read = await as.daibieu.get(`${base()}/minutes/minutes`);
    expect(read.body).toMatchObject({ version: 1, status: 'final', number: '12/BB-UBND' });
    expect(read.body.bodyHtml).toContain('Lê Hoàng Nam');
    expect((await as['diemcau.phuloc'].get(`${base()}/minutes/minutes/versions`)).body).toMatchObject([{ version: 1, status: 'final' }]);
  });

  it('prints the final minutes as a PDF in the Decree 30 layout', async () => {
    const res = await raw('daibieu', 'GET', `${base()}/minutes/minutes/versions/1/pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-security-policy')).toBe('sandbox');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    const disposition = res.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="bien-ban-phien-hop-thuong-ky-ubnd-tinh-thang-12-nam-2026-v1\.pdf"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toBe('Biên bản - Phiên họp thường kỳ UBND tỉnh tháng 12 năm 2026 (phiên bản 1).pdf');
    expect(res.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(res.bytes, 'final.pdf');
    for (const expected of [
      'UBND TỈNH AN BÌNH',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 12/BB-UBND',
      'BIÊN BẢN',
      'Phiên họp thường kỳ UBND tỉnh tháng 12 năm 2026',
      'Lê Hoàng Nam',
      SITE,
      'THƯ KÝ',
      'CHỦ TỌA',
      'Trần Văn Minh',
      'Nguyễn Thị Thu Hà',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('DỰ THẢO');
  });

  it('prints a closed vote’s results for the participants, in the minutes’ layout', async () => {
    expect((await raw('khachmoi', 'GET', `${base()}/motions/${motionId}/result.pdf`)).status).toBe(403);
    expect((await as.khachmoi.get(`${base()}/motions/${motionId}/result.pdf`)).body.code).toBe('MEETING_ACCESS_DENIED');
    const res = await raw('daibieu', 'GET', `${base()}/motions/${motionId}/result.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    const disposition = res.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="ket-qua-bieu-quyet-thong-qua-bao-cao-tinh-hinh-kinh-te-xa-hoi-thang-12\.pdf"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toBe(`Kết quả biểu quyết - ${MOTION}.pdf`);
    const { resultHash, prevHash } = (await as.daibieu.get(`${base()}/motions/${motionId}/result`)).body as VoteResultDto;
    const text = await pdfText(res.bytes, 'result.pdf');
    for (const expected of [
      'UBND TỈNH AN BÌNH',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'KẾT QUẢ BIỂU QUYẾT',
      MOTION,
      `Mục chương trình: 1. ${AGENDA[0]}`,
      'Hình thức: Biểu quyết công khai',
      'Nguyên tắc: Thông qua khi có trên một nửa tổng số thành viên tán thành',
      'Thành viên được biểu quyết: 2 (tại hội trường: 2; tại các điểm cầu: 0); tổng số thành viên: 3',
      'Nội dung được thông qua.',
      'Lê Hoàng Nam',
      `Mã kết quả (SHA-256): ${resultHash}`,
      `Mã kết quả liền trước: ${prevHash}`,
      ...receipts,
      'THƯ KÝ',
      'Nguyễn Thị Thu Hà',
      'Trần Văn Minh',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/Tán thành\s+2\s+2\s+66,67/);
  });

  it('corrects a final version with a new draft, version 2, which a delegate does not see', async () => {
    const created = await as.thuky.post(`${base()}/minutes/minutes/draft`);
    expect(created.status).toBe(201);
    const final = (await as.daibieu.get(`${base()}/minutes/minutes`)).body as MinutesDto;
    expect(created.body).toMatchObject({ version: 2, revision: 0, status: 'draft', number: final.number, bodyHtml: final.bodyHtml, finalizedAt: null });
    expect((await as.chutoa.get(`${base()}/minutes/minutes`)).body).toMatchObject({ version: 2, status: 'draft' });
    expect((await as.daibieu.get(`${base()}/minutes/minutes`)).body).toMatchObject({ version: 1, status: 'final' });
    expect((await as.thuky.get(`${base()}/minutes/minutes/versions`)).body.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [2, 'draft'],
      [1, 'final'],
    ]);
    expect((await raw('daibieu', 'GET', `${base()}/minutes/minutes/versions/2/pdf`)).status).toBe(404);
    const draft = await raw('thuky', 'GET', `${base()}/minutes/minutes/versions/2/pdf`);
    expect(draft.status).toBe(200);
    expect(draft.headers.get('cache-control')).toBe('private, no-store');
    expect(draft.headers.get('content-disposition')).toContain('-v2-du-thao.pdf"');
    expect(await pdfText(draft.bytes, 'draft.pdf')).toContain('DỰ THẢO');
  });

  it('writes conclusions per agenda item; two finalizes at once, one wins', async () => {
    // Started twice at once (two tabs): one draft, version 1.
    const starts = await Promise.all([as.thuky.post(`${base()}/minutes/conclusions/draft`), as.thuky.post(`${base()}/minutes/conclusions/draft`)]);
    expect(starts.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(starts.map((r) => r.body.version)).toEqual([1, 1]);
    const created = starts[0].body as MinutesDto;
    expect(created.items).toEqual(agenda.map((i) => ({ itemId: i.id, title: i.title, conclusionHtml: null })));
    expect(created.bodyHtml).toContain('đồng chí Trần Văn Minh, Chủ tịch UBND tỉnh chủ trì phiên họp thường kỳ UBND tỉnh tháng 12 năm 2026');
    const url = `${base()}/minutes/conclusions/draft`;
    const unknown = await put('thuky', url, { bodyHtml: created.bodyHtml, number: '', items: [{ itemId: meetingId, conclusionHtml: '<p>x</p>' }], baseVersion: 1, baseRevision: 0 });
    expect(unknown.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'items.0.itemId' }] });
    const conclusion = '<p>Giao <b>Sở Tài chính</b> hoàn chỉnh dự toán trước ngày 10/01/2027.</p>';
    const saved = await put('thuky', url, { bodyHtml: created.bodyHtml, number: '05/TB-UBND', items: [{ itemId: agenda[1].id, conclusionHtml: conclusion }], baseVersion: 1, baseRevision: 0 });
    expect(saved.body.items[1].conclusionHtml).toBe('<p>Giao <strong>Sở Tài chính</strong> hoàn chỉnh dự toán trước ngày 10/01/2027.</p>');
    expect(saved.body.items[0].conclusionHtml).toBeNull();

    const both = await Promise.all([as.chutoa.post(`${base()}/minutes/conclusions/finalize`), as.thuky.post(`${base()}/minutes/conclusions/finalize`)]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(both.find((r) => r.status === 409)?.body.code).toBe('MINUTES_FINAL');
    const text = await pdfText((await raw('daibieu', 'GET', `${base()}/minutes/conclusions/versions/1/pdf`)).bytes, 'conclusions.pdf');
    for (const expected of ['THÔNG BÁO', 'Kết luận phiên họp thường kỳ UBND tỉnh tháng 12 năm 2026', 'Số: 05/TB-UBND', `2. ${AGENDA[1]}`, 'Sở Tài chính', 'CHỦ TỌA', 'Trần Văn Minh']) {
      expect(text).toContain(expected);
    }
  });

  it('reports the statistics: attendance by unit and place, durations, speakers, documents', async () => {
    const res = await as.chutoa.get(`${base()}/statistics`);
    expect(res.status).toBe(200);
    const s = res.body as MeetingStatisticsDto;
    expect(s.attendance).toMatchObject({ participants: 4, present: 3, absent: 1, hall: 2, sites: 1, quorum: { members: 3, present: 2, reached: true } });
    expect(s.attendance.bySite).toEqual([
      { siteId: null, name: null, present: 2, absent: 1, total: 3 },
      { siteId: expect.any(String), name: SITE, present: 1, absent: 0, total: 1 },
    ]);
    expect(s.attendance.byUnit).toEqual(
      expect.arrayContaining([
        { siteId: null, name: 'Sở Khoa học và Công nghệ', present: 1, absent: 0, total: 1 },
        { siteId: null, name: 'Văn phòng UBND tỉnh', present: 0, absent: 1, total: 1 },
      ]),
    );
    expect(s.session.startedAt && s.session.endedAt).toBeTruthy();
    expect(s.session.seconds).toBeGreaterThanOrEqual(1);
    expect(s.session.plannedMinutes).toBe(180);
    expect(s.items.map((i) => [i.title, i.plannedMinutes, i.speeches])).toEqual([
      [AGENDA[0], 30, 2],
      [AGENDA[1], 15, 0],
    ]);
    expect(s.items[0].seconds).toBeGreaterThanOrEqual(1);
    expect(s.items[0].overrunSeconds).toBe(0);
    expect(s.speakers).toEqual([
      expect.objectContaining({ userId: ids.daibieu, name: 'Lê Hoàng Nam', unitName: 'Sở Khoa học và Công nghệ', siteName: null, speeches: 1, overruns: 0 }),
      expect.objectContaining({ userId: ids['diemcau.phuloc'], name: SITE, siteName: SITE, speeches: 1 }),
    ]);
    expect(s.speakers[0].totalSeconds).toBeGreaterThanOrEqual(1);
    expect(s.documents).toEqual([{ documentId, title: 'Báo cáo KT-XH tháng 12', version: 1, recipients: 4, received: 1, opened: 1 }]);
    expect((await as.thuky.get(`${base()}/statistics`)).status).toBe(200);
  });
});
