import type { NamedVoteLine, VoteResultDto } from '@phonghop/contracts';
import { type MeetingFacts, MINUTES_TIME_ZONE } from '../facts/meeting-facts';
import { clockVi, dateTimeVi, sameDay } from '../facts/vietnamese-format';
import { BASE_WORDS, decimalVi, decisionVi, formVi, isWeighted, percentVi, ruleVi } from '../facts/vote-words';
import { formatDecreeDate } from '../minutes-header';
import type { VoteResultPdfInput } from '../vote-result-pdf';
import { fileTitle, firstOf, slug } from './minutes-document';

type Facts = Pick<MeetingFacts, 'meeting' | 'unit' | 'participants' | 'agenda'>;

/** "từ 09 giờ 05 phút đến 09 giờ 07 phút, ngày 05 tháng 01 năm 2026" (both dates when it ran past midnight). */
function spanVi(from: Date, to: Date): string {
  if (!sameDay(from, to)) return `từ ${dateTimeVi(from)} đến ${dateTimeVi(to)}`;
  return `từ ${clockVi(from)} đến ${clockVi(to)}, ${formatDecreeDate(to, MINUTES_TIME_ZONE)}`;
}

/** Vietnamese lists go by given name (the last word), then the full name. */
const byGivenName = (a: NamedVoteLine, b: NamedVoteLine) => {
  const given = (n: string) => n.trim().split(/\s+/).pop() ?? n;
  return given(a.fullName).localeCompare(given(b.fullName), 'vi') || a.fullName.localeCompare(b.fullName, 'vi');
};

/** Whose hand cast a named ballot, when not the member's own. */
function noteOf(line: NamedVoteLine, weighted: boolean): string {
  const notes: string[] = [];
  if (line.route === 'proxy') notes.push(`ủy quyền cho ${line.castByName ?? '…'}`);
  // A site's account is named after its site ("Điểm cầu UBND huyện Phú Lộc"): say it once.
  if (line.route === 'site') notes.push(`qua điểm cầu ${(line.castByName ?? '').replace(/^điểm cầu\s*/iu, '')}`.trim());
  if (weighted && line.weight !== '1') notes.push(`trọng số ${decimalVi(line.weight)}`);
  return notes.join('; ');
}

/**
 * The results sheet of one closed vote, in words, for the worker to lay out: header from the meeting as it is now
 * (like the minutes), dated the day the vote closed, signed by the secretary and the chair.
 */
export function voteResultPdfInput(result: VoteResultDto, facts: Facts): VoteResultPdfInput {
  const { record } = result;
  const { spec, decided, eligible } = record;
  const weighted = isWeighted(record);
  const labelOf = (id: string) => spec.options.find((o) => o.id === id)?.label ?? id;
  const topLevel = facts.agenda.filter((i) => !i.parentId);
  const item = facts.agenda.find((i) => i.id === record.itemId);
  const itemTitle = item && (item.parentId ? item.title : `${topLevel.indexOf(item) + 1}. ${item.title}`);
  const members = record.members.count;
  const cast = `${decided.cast.ballots}${weighted ? ` (trọng số ${decimalVi(decided.cast.weight)})` : ''}`;
  return {
    header: {
      parentBody: facts.unit?.parentName ?? null,
      issuingBody: facts.unit?.name ?? facts.meeting.organiserUnitName ?? '',
      place: facts.meeting.location ?? facts.unit?.name ?? '',
      date: new Date(record.closedAt),
      timeZone: MINUTES_TIME_ZONE,
    },
    title: spec.title,
    facts: [
      { label: 'Cuộc họp', value: facts.meeting.title },
      ...(itemTitle ? [{ label: 'Mục chương trình', value: itemTitle }] : []),
      { label: 'Thời gian biểu quyết', value: spanVi(new Date(record.openedAt), new Date(record.closedAt)) },
      { label: 'Hình thức', value: formVi(spec) },
      { label: 'Nguyên tắc', value: ruleVi(record) },
      {
        label: 'Thành viên được biểu quyết',
        value: `${eligible.count} (tại hội trường: ${eligible.hall}; tại các điểm cầu: ${eligible.sites}); tổng số thành viên: ${members}${weighted ? `; tổng trọng số có mặt: ${decimalVi(eligible.weight)}` : ''}`,
      },
    ],
    options: {
      columns: [
        { title: 'Lựa chọn', share: 0.46 },
        { title: 'Số phiếu', share: 0.16, align: 'center' },
        { title: 'Trọng số', share: 0.16, align: 'center' },
        { title: 'Tỷ lệ (%)', share: 0.22, align: 'center' },
      ],
      rows: decided.counts.map((c) => [labelOf(c.optionId), String(c.ballots), decimalVi(c.weight), percentVi(c.weight, decided.base) ?? '—']),
    },
    totals: [
      { label: 'Số phiếu hợp lệ (tham gia biểu quyết)', value: cast },
      { label: 'Trong đó không biểu quyết', value: String(decided.abstained.ballots) },
      { label: 'Số phiếu không hợp lệ', value: String(decided.invalid.ballots) },
      { label: 'Tỷ lệ tính trên', value: `${BASE_WORDS[spec.rules.majorityBase]} (${decimalVi(decided.base)}); cần đạt: ${decimalVi(decided.required)}` },
    ],
    decision: decisionVi(record),
    named: record.named && {
      columns: [
        { title: 'STT', share: 0.08, align: 'center' },
        { title: 'Họ và tên', share: 0.36 },
        { title: 'Lựa chọn', share: 0.26 },
        { title: 'Ghi chú', share: 0.3 },
      ],
      rows: [...record.named].sort(byGivenName).map((n, i) => [String(i + 1), n.fullName, n.choices.map(labelOf).join(', ') || 'Phiếu trống', noteOf(n, weighted)]),
    },
    receipts: record.receipts,
    resultHash: result.resultHash,
    prevHash: result.prevHash,
    chainNote: 'Mã kết quả là mã băm SHA-256 của mã kết quả liền trước và bản ghi kết quả này; đối chiếu bằng chức năng kiểm tra chuỗi kết quả biểu quyết của cuộc họp. Mỗi thành viên đối chiếu mã biên nhận của mình trong danh sách trên.',
    signatures: [
      { role: 'Thư ký', name: firstOf(facts, 'secretary')?.fullName ?? '', field: 'secretary' },
      { role: 'Chủ tọa', name: firstOf(facts, 'chair')?.fullName ?? '', field: 'chair' },
    ],
  };
}

/** "Kết quả biểu quyết - <motion>.pdf", with its ASCII form "ket-qua-bieu-quyet-<motion>.pdf". */
export function voteResultFileName(motionTitle: string): { name: string; ascii: string } {
  // A motion's title may run to 500 characters; a file name keeps its start.
  const title = fileTitle(motionTitle).slice(0, 100).trim();
  return { name: `Kết quả biểu quyết - ${title}.pdf`, ascii: `${['ket-qua-bieu-quyet', slug(title)].filter(Boolean).join('-')}.pdf` };
}
