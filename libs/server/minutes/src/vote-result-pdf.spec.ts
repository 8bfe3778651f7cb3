import type { ParticipantDto } from '@phonghop/contracts';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { MeetingFacts } from './facts/meeting-facts';
import { MinutesPdfRenderer } from './render/minutes-pdf-renderer';
import { voteResultFileName, voteResultPdfInput } from './render/vote-result-document';
import { renderVoteResultPdf } from './vote-result-pdf';
import { sampleNamedVote, sampleSecretElection } from './vote-result-sample';

const run = promisify(execFile);
const poppler = async (tool: string, ...args: string[]) => (await run(tool, args, { maxBuffer: 16 * 1024 * 1024 })).stdout;
const collapse = (s: string) => s.replace(/\s+/g, ' ');

const seat = (userId: string, fullName: string, meetingRole: ParticipantDto['meetingRole']): ParticipantDto => ({
  id: `p-${userId}`,
  userId,
  fullName,
  title: null,
  unitName: null,
  meetingRole,
  rsvp: 'attending',
  declineReason: null,
  delegateUserId: null,
  representsUserId: null,
  respondedAt: null,
});

const at = '2026-01-05T01:00:00.000Z';
const facts: Pick<MeetingFacts, 'meeting' | 'unit' | 'participants' | 'agenda'> = {
  meeting: {
    id: 'm1',
    title: 'Kỳ họp thứ 12 HĐND tỉnh khóa X',
    kind: 'hybrid',
    status: 'in_progress',
    startsAt: at,
    endsAt: null,
    location: 'An Bình',
    organiserUnitName: 'Thường trực HĐND tỉnh',
    myRole: 'delegate',
    confidentiality: 'normal',
    description: null,
    organiserUnitId: 'u1',
    participatingUnitIds: [],
    participatingSiteIds: [],
    upperMeetingId: null,
    cancelReason: null,
    publishedAt: at,
    createdAt: at,
    updatedAt: at,
  },
  unit: { name: 'Thường trực HĐND tỉnh', parentName: 'Hội đồng nhân dân tỉnh An Bình' },
  participants: [
    seat('chair', 'Trần Văn Minh', 'chair'),
    seat('sec', 'Nguyễn Thị Thu Hà', 'secretary'),
    ...['d1', 'd2', 'd3', 'd4', 'd5'].map((id) => seat(id, `Đại biểu ${id}`, 'delegate')),
  ],
  agenda: [{ id: 'i1', parentId: null, position: 0, title: 'Dự toán ngân sách năm 2027', description: null, presenter: null, plannedMinutes: 30 }],
};

describe('vote results PDF', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vote-result-pdf-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const text = async (name: string, bytes: Uint8Array) => {
    const file = join(dir, name);
    await writeFile(file, bytes);
    return { layout: await poppler('pdftotext', '-layout', file, '-'), flowing: collapse(await poppler('pdftotext', file, '-')), info: await poppler('pdfinfo', file) };
  };
  const render = (result = sampleNamedVote()) => renderVoteResultPdf(voteResultPdfInput(result, facts), { now: new Date('2026-01-05T05:00:00Z') });

  it('prints a named vote in the minutes’ layout: header, rule, counts, decision, the list with proxies and sites, receipts, hashes, signatures', async () => {
    const result = sampleNamedVote();
    const { layout, flowing, info } = await text('named.pdf', await render(result));
    for (const expected of [
      'HỘI ĐỒNG NHÂN DÂN',
      'THƯỜNG TRỰC HĐND TỈNH',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'An Bình, ngày 05 tháng 01 năm 2026',
      'KẾT QUẢ BIỂU QUYẾT',
      'Thông qua Tờ trình dự toán ngân sách năm 2027',
      'THƯ KÝ',
      'CHỦ TỌA',
      'Nguyễn Thị Thu Hà',
    ]) {
      expect(layout).toContain(expected);
    }
    expect(layout).not.toContain('Số:'); // results go with the minutes: no number of their own
    expect(layout).not.toContain('DỰ THẢO');
    for (const expected of [
      'Cuộc họp: Kỳ họp thứ 12 HĐND tỉnh khóa X',
      'Mục chương trình: 1. Dự toán ngân sách năm 2027',
      'Thời gian biểu quyết: từ 09 giờ 05 phút đến 09 giờ 07 phút, ngày 05 tháng 01 năm 2026',
      'Hình thức: Biểu quyết công khai',
      'Nguyên tắc: Thông qua khi có trên một nửa tổng số thành viên tán thành',
      'Thành viên được biểu quyết: 5 (tại hội trường: 4; tại các điểm cầu: 1); tổng số thành viên: 6',
      'Số phiếu hợp lệ (tham gia biểu quyết): 5',
      'Số phiếu không hợp lệ: 0',
      'Tỷ lệ tính trên: tổng số thành viên (6); cần đạt: 4',
      '2. Kết luận Nội dung được thông qua.',
      '3. Danh sách thành viên biểu quyết',
      'ủy quyền cho Phạm Thị Lan',
      'qua điểm cầu UBND huyện Phú Lộc',
      '4. Mã biên nhận của 5 phiếu được kiểm',
      `Mã kết quả (SHA-256): ${result.resultHash}`,
      `Mã kết quả liền trước: ${result.prevHash}`,
    ]) {
      expect(flowing).toContain(expected);
    }
    // The table: option, ballots, weight, share of the base (6 members).
    expect(layout).toMatch(/Tán thành\s+4\s+4\s+66,67/);
    expect(layout).toMatch(/Không tán thành\s+1\s+1\s+16,67/);
    // The list goes by given name: An, Cường, Huy, Minh, Nam.
    const order = ['Võ Thị An', 'Đại Biểu Cường', 'Đỗ Quang Huy', 'Trần Văn Minh', 'Lê Hoàng Nam'].map((n) => layout.indexOf(n));
    expect(order.every((p, i) => p > 0 && (i === 0 || p > order[i - 1]))).toBe(true);
    for (const receipt of result.record.receipts) expect(layout).toContain(receipt);
    expect(info).toMatch(/Title:\s+Kết quả biểu quyết: Thông qua Tờ trình dự toán ngân sách năm 2027/);
    expect(flowing).not.toMatch(/[\u0300-\u036f]/);
  });

  it('prints a secret election: no names, elected and tied in words, receipts in several columns', async () => {
    const result = sampleSecretElection();
    const { layout, flowing } = await text('secret.pdf', await render(result));
    for (const expected of [
      'Hình thức: Bỏ phiếu kín, mỗi phiếu chọn tối đa 2',
      'Nguyên tắc: Trúng cử khi có trên một nửa số thành viên tham gia biểu quyết tán thành; lấy tối đa 2 lựa chọn có số phiếu cao nhất, ngang phiếu thì biểu quyết lại',
      'Số phiếu hợp lệ (tham gia biểu quyết): 31',
      'Trong đó không biểu quyết: 1',
      'Số phiếu không hợp lệ: 1',
      'Tỷ lệ tính trên: số thành viên tham gia biểu quyết (31); cần đạt: 16',
      'Trúng cử: Nguyễn Văn An.',
      'Ngang phiếu, chưa xác định (cần biểu quyết lại): Trần Thị Bình, Lê Văn Cường.',
      '3. Mã biên nhận của 32 phiếu được kiểm',
    ]) {
      expect(flowing).toContain(expected);
    }
    expect(layout).toMatch(/Nguyễn Văn An\s+20\s+20\s+64,52/);
    expect(layout).toMatch(/Trần Thị Bình\s+16\s+16\s+51,61/);
    expect(flowing).not.toContain('Danh sách thành viên');
    expect(flowing).not.toContain('Mục chương trình');
    // A compact list: several receipts share a line.
    const receiptLines = layout.split('\n').filter((l) => (l.match(/\d{4}-7K3M-Q\d{5}/g) ?? []).length >= 3);
    expect(receiptLines.length).toBeGreaterThan(0);
    for (const receipt of result.record.receipts) expect(layout).toContain(receipt);
  });

  it('renders in the minutes’ worker as its second kind of job', async () => {
    const renderer = new MinutesPdfRenderer();
    try {
      const bytes = await renderer.renderVoteResult(voteResultPdfInput(sampleNamedVote(null), facts));
      const { flowing } = await text('worker.pdf', bytes);
      expect(flowing).toContain('KẾT QUẢ BIỂU QUYẾT');
      expect(flowing).not.toContain('Mục chương trình');
    } finally {
      renderer.onModuleDestroy();
    }
  }, 30_000);

  it('names the file after the motion, with an ASCII fallback', () => {
    expect(voteResultFileName('Thông qua Tờ trình số 12/TTr-UBND')).toEqual({
      name: 'Kết quả biểu quyết - Thông qua Tờ trình số 12 TTr-UBND.pdf',
      ascii: 'ket-qua-bieu-quyet-thong-qua-to-trinh-so-12-ttr-ubnd.pdf',
    });
  });
});
