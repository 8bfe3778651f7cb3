import { MINUTES_HTML_MAX_CHARS as CONTRACT_MAX, emptyFloor, type ParticipantDto } from '@phonghop/contracts';
import { draftContent } from './draft/minutes-draft';
import type { MeetingFacts } from './facts/meeting-facts';
import { clockVi, durationVi } from './facts/vietnamese-format';
import { percentVi, voteLineVi } from './facts/vote-words';
import { MINUTES_HTML_MAX_CHARS } from './minutes-html';
import { pdfFileName, slug } from './render/minutes-document';
import { meetingStatistics } from './statistics/meeting-statistics';
import { sampleNamedVote, sampleSecretElection } from './vote-result-sample';

const person = (userId: string, fullName: string, meetingRole: ParticipantDto['meetingRole'], extra: Partial<ParticipantDto> = {}): ParticipantDto => ({
  id: `p-${userId}`,
  userId,
  fullName,
  title: null,
  unitName: 'Sở Tài chính',
  meetingRole,
  rsvp: 'attending',
  declineReason: null,
  delegateUserId: null,
  representsUserId: null,
  respondedAt: null,
  ...extra,
});

function facts(): MeetingFacts {
  const start = '2026-01-05T01:00:00.000Z';
  return {
    meeting: {
      id: 'm1',
      title: 'Phiên họp <thường kỳ>',
      kind: 'hybrid',
      status: 'ended',
      startsAt: start,
      endsAt: '2026-01-05T04:00:00.000Z',
      location: 'Hội trường A & B',
      organiserUnitName: 'UBND tỉnh',
      myRole: 'secretary',
      confidentiality: 'normal',
      description: null,
      organiserUnitId: 'u1',
      participatingUnitIds: [],
      participatingSiteIds: [],
      upperMeetingId: null,
      cancelReason: null,
      publishedAt: start,
      createdAt: start,
      updatedAt: start,
    },
    unit: { name: 'UBND tỉnh', parentName: null },
    participants: [
      person('chair', 'Trần <b>Minh</b>', 'chair'),
      person('sec', 'Thu Hà', 'secretary'),
      person('d1', 'Lê Nam', 'delegate'),
      person('d2', 'Võ Lan', 'delegate', { rsvp: 'declined', declineReason: 'Ốm' }),
    ],
    agenda: [{ id: 'i1', parentId: null, position: 0, title: 'Ngân sách', description: null, presenter: null, plannedMinutes: 1 }],
    floor: { ...emptyFloor(), phase: 'ended', startedAt: start, endedAt: '2026-01-05T01:30:00.000Z', itemSeconds: { i1: 90 }, closedItemIds: ['i1'] },
    events: [
      { kind: 'item_opened', at: start, data: { itemId: 'i1' } },
      { kind: 'speech_ended', at: start, data: { userId: 'd1', name: 'Lê Nam', unitName: 'Sở Tài chính', siteId: null, kind: 'speech', topic: null, itemId: 'i1', seconds: 75, overrunSeconds: 15 } },
    ],
    attendance: [
      { userId: 'chair', status: 'present', method: 'qr', siteId: null, siteName: null, at: start, reason: null },
      { userId: 'd1', status: 'present', method: 'site', siteId: 's1', siteName: 'Điểm cầu X', at: start, reason: null },
    ],
    siteOfAccount: new Map(),
    siteNames: new Map([['s1', 'Điểm cầu X']]),
    votes: [],
  };
}

describe('minutes domain helpers', () => {
  it('writes durations and clock times as Vietnamese minutes do', () => {
    expect([0, 45, 60, 750, 3900].map(durationVi)).toEqual(['0 giây', '45 giây', '1 phút', '12 phút 30 giây', '1 giờ 05 phút']);
    expect(clockVi(new Date('2026-01-05T01:05:00Z'))).toBe('08 giờ 05 phút');
    expect(clockVi(new Date('2026-01-05T17:00:00Z'))).toBe('00 giờ 00 phút');
  });

  it('names PDF files in Vietnamese with an ASCII fallback', () => {
    expect(slug('Phiên họp thường kỳ — Đắk Lắk')).toBe('phien-hop-thuong-ky-dak-lak');
    expect(pdfFileName({ kind: 'conclusions', version: 2, status: 'draft' }, 'Họp "quý" I/2026')).toEqual({
      name: 'Thông báo kết luận - Họp quý I 2026 (phiên bản 2, dự thảo).pdf',
      ascii: 'thong-bao-ket-luan-hop-quy-i-2026-v2-du-thao.pdf',
    });
  });

  it('keeps the size limit the clients are told', () => {
    expect(MINUTES_HTML_MAX_CHARS).toBe(CONTRACT_MAX);
  });

  it('pre-fills minutes from the record, names escaped, absentees with their reason', () => {
    const { bodyHtml, items } = draftContent('minutes', facts(), { fullName: 'Thu Hà', title: 'Chuyên viên' });
    expect(items).toEqual([]);
    expect(bodyHtml).toContain('<p>Địa điểm: Hội trường A &amp; B</p>');
    expect(bodyHtml).toContain('đồng chí Trần &lt;b&gt;Minh&lt;/b&gt;');
    expect(bodyHtml).not.toContain('<b>');
    expect(bodyHtml).toContain('có mặt 2/3 đại biểu được mời (tại hội trường: 1; tại các điểm cầu: 1)');
    expect(bodyHtml).toContain('<li>Võ Lan (Sở Tài chính): Ốm;</li>');
    expect(bodyHtml).toContain('<li>Lê Nam (Sở Tài chính) tại Điểm cầu X (1 phút 15 giây, quá 15 giây).</li>');
    expect(bodyHtml).toContain('(thời lượng 1 phút 30 giây; dự kiến 1 phút)');
    expect(bodyHtml).toMatch(/Cuộc họp kết thúc vào 08 giờ 30 phút cùng ngày\.\/\.<\/p>$/);
    const conclusions = draftContent('conclusions', facts(), { fullName: 'Thu Hà', title: null });
    expect(conclusions.items).toEqual([{ itemId: 'i1', title: 'Ngân sách', conclusionHtml: null }]);
    expect(conclusions.bodyHtml).toContain('chủ trì phiên họp &lt;thường kỳ&gt;.');
  });

  it('writes one line per closed vote under its agenda item, the others in a section of their own', () => {
    const base = facts();
    // Six members (the chair and five delegates), as in the sample vote.
    const participants = [...base.participants, ...['d3', 'd4', 'd5'].map((id) => person(id, `Đại biểu ${id}`, 'delegate'))];
    const { bodyHtml } = draftContent('minutes', { ...base, participants, votes: [sampleNamedVote('i1'), sampleSecretElection()] }, { fullName: 'Thu Hà', title: null });
    const named =
      '<p>Biểu quyết thông qua Tờ trình dự toán ngân sách năm 2027: 4/6 thành viên tán thành (đạt 66,67%), 1 không tán thành, 0 không biểu quyết. Kết quả: thông qua.</p>';
    expect(bodyHtml).toContain(named);
    expect(bodyHtml.indexOf(named)).toBeGreaterThan(bodyHtml.indexOf('<h3>1. Ngân sách</h3>'));
    expect(bodyHtml).toContain(
      '<h3>Biểu quyết khác</h3><p>Bỏ phiếu kín bầu Ủy viên Ban Kinh tế - Ngân sách: Nguyễn Văn An được 20/31 thành viên tham gia biểu quyết tán thành (đạt 64,52%), ' +
        'Trần Thị Bình được 16/31 thành viên tham gia biểu quyết tán thành (đạt 51,61%), Lê Văn Cường được 16/31 thành viên tham gia biểu quyết tán thành (đạt 51,61%), ' +
        '1 không biểu quyết, 1 phiếu không hợp lệ. Kết quả: Nguyễn Văn An trúng cử; Trần Thị Bình, Lê Văn Cường ngang phiếu, cần biểu quyết lại.</p>',
    );
    expect(bodyHtml).toMatch(/Cuộc họp kết thúc vào .*\.\/\.<\/p>$/);
  });

  it('writes vote shares exactly, and weights where members weigh differently', () => {
    expect([percentVi('2', '3'), percentVi('1', '8'), percentVi('4', '4'), percentVi('0', '5'), percentVi('1', '0')]).toEqual(['66,67', '12,5', '100', '0', null]);
    const vote = sampleNamedVote();
    const weighted = { ...vote, record: { ...vote.record, spec: { ...vote.record.spec, secret: true, title: 'Dự án đường ven biển' }, eligible: { ...vote.record.eligible, weight: '5.5' } } };
    expect(voteLineVi(weighted)).toMatch(/^Bỏ phiếu kín thông qua Dự án đường ven biển: 4\/6 thành viên tán thành \(trọng số 4\/6; đạt 66,67%\)/);
  });

  it('counts attendance by place and unit, overruns by item and speaker', () => {
    const s = meetingStatistics(facts(), [], new Date('2026-01-05T02:00:00Z'));
    expect(s.attendance).toMatchObject({ participants: 3, present: 2, absent: 1, hall: 1, sites: 1 });
    expect(s.attendance.bySite).toEqual([
      { siteId: null, name: null, present: 1, absent: 1, total: 2 },
      { siteId: 's1', name: 'Điểm cầu X', present: 1, absent: 0, total: 1 },
    ]);
    expect(s.attendance.byUnit).toEqual([{ siteId: null, name: 'Sở Tài chính', present: 2, absent: 1, total: 3 }]);
    expect(s.session).toEqual({ startedAt: '2026-01-05T01:00:00.000Z', endedAt: '2026-01-05T01:30:00.000Z', seconds: 1800, plannedMinutes: 180 });
    expect(s.items).toEqual([{ itemId: 'i1', parentId: null, title: 'Ngân sách', plannedMinutes: 1, seconds: 90, overrunSeconds: 30, speeches: 1 }]);
    expect(s.speakers).toEqual([
      { userId: 'd1', name: 'Lê Nam', unitName: 'Sở Tài chính', siteName: 'Điểm cầu X', speeches: 1, totalSeconds: 75, overruns: 1, overrunSeconds: 15 },
    ]);
  });
});
