import { type Amount, type MajorityBase, type MotionSpec, type Threshold, type VoteResultDto, type VoteResultRecord, YES_OPTION_ID, parseDecimal } from '@phonghop/contracts';
import { lowerFirst } from './vietnamese-format';

/**
 * A closed vote in the words of Vietnamese minutes and results sheets, shared by the minutes draft (one line per
 * vote) and the results PDF. Counts are ballots; shares are of the weights, since the weights decide.
 */

/** "4.5" → "4,5": Vietnamese writes a decimal comma. */
export const decimalVi = (amount: string) => amount.replace('.', ',');

/** `weight` as a share of `base` in per cent, rounded to two places and written "66,67" or "80"; null on a zero base. */
export function percentVi(weight: string, base: string): string | null {
  const w = parseDecimal(weight) ?? 0n;
  const b = parseDecimal(base) ?? 0n;
  if (b <= 0n) return null;
  const hundredths = (w * 20000n + b) / (2n * b); // half up, in bigint: a share must not drift in floating point
  const fraction = (hundredths % 100n).toString().padStart(2, '0').replace(/0+$/, '');
  return `${hundredths / 100n}${fraction ? `,${fraction}` : ''}`;
}

const THRESHOLD: Record<Threshold, string> = { more_than_half: 'trên một nửa', at_least_two_thirds: 'ít nhất hai phần ba' };
export const BASE_WORDS: Record<MajorityBase, string> = { members: 'tổng số thành viên', present: 'số thành viên có mặt', cast: 'số thành viên tham gia biểu quyết' };

/** Elections of people ("Bầu …", or several seats) end in "trúng cử"; a choice between alternatives in "được chọn". */
const electsPeople = (spec: MotionSpec) => spec.choice === 'multiple' || /^bầu\s/iu.test(spec.title.trim());
const chosenWord = (spec: MotionSpec) => (electsPeople(spec) ? 'trúng cử' : 'được chọn');

/** "Thông qua khi có trên một nửa tổng số thành viên tán thành". */
export function ruleVi(record: Pick<VoteResultRecord, 'spec' | 'decided'>): string {
  const { spec } = record;
  const needed = `${THRESHOLD[spec.rules.threshold]} ${BASE_WORDS[spec.rules.majorityBase]} tán thành`;
  if (record.decided.kind === 'yes_no') return `Thông qua khi có ${needed}`;
  const seats = spec.maxChoices > 1 ? `tối đa ${spec.maxChoices}` : 'một';
  return `${electsPeople(spec) ? 'Trúng cử' : 'Được chọn'} khi có ${needed}; lấy ${seats} lựa chọn có số phiếu cao nhất, ngang phiếu thì biểu quyết lại`;
}

/** Biểu quyết công khai / Bỏ phiếu kín, and how many choices a ballot holds. */
export function formVi(spec: MotionSpec): string {
  const form = spec.secret ? 'Bỏ phiếu kín' : 'Biểu quyết công khai';
  return spec.choice === 'multiple' ? `${form}, mỗi phiếu chọn tối đa ${spec.maxChoices}` : form;
}

/** Weights other than one per member are shown beside the counts; otherwise they only repeat them. */
export function isWeighted(record: Pick<VoteResultRecord, 'eligible' | 'decided' | 'named'>): boolean {
  const plain = (a: Amount) => a.weight === String(a.ballots);
  return record.eligible.weight !== String(record.eligible.count) || !plain(record.decided.cast) || !record.decided.counts.every(plain) || (record.named ?? []).some((n) => n.weight !== '1');
}

/** Who the share is measured against, counted in people (all members: as many as the meeting had when the vote opened). */
function baseCount(record: VoteResultRecord): { count: number; noun: string } {
  if (record.spec.rules.majorityBase === 'present') return { count: record.eligible.count, noun: 'thành viên có mặt' };
  if (record.spec.rules.majorityBase === 'cast') return { count: record.decided.cast.ballots, noun: 'thành viên tham gia biểu quyết' };
  return { count: record.members.count, noun: 'thành viên' };
}

const labelOf = (spec: MotionSpec, id: string) => spec.options.find((o) => o.id === id)?.label.trim() || id;

/** The decision, one sentence per line. */
export function decisionVi(record: Pick<VoteResultRecord, 'spec' | 'decided'>): string[] {
  const { spec, decided } = record;
  if (decided.kind === 'yes_no') return [decided.passed ? 'Nội dung được thông qua.' : 'Không được thông qua.'];
  const names = (ids: string[]) => ids.map((id) => labelOf(spec, id)).join(', ');
  const lines: string[] = [];
  if (decided.elected.length) lines.push(`${electsPeople(spec) ? 'Trúng cử' : 'Được chọn'}: ${names(decided.elected)}.`);
  if (decided.tied.length) lines.push(`Ngang phiếu, chưa xác định (cần biểu quyết lại): ${names(decided.tied)}.`);
  if (!lines.length) lines.push('Không có lựa chọn nào đạt số phiếu cần thiết.');
  return lines;
}

/** Verbs a motion's title may start with; other titles are what is passed ("thông qua …") or decided ("về …"). */
const VERB = /^(thông qua|bầu|miễn nhiệm|bãi nhiệm|phê chuẩn|phê duyệt|chấp thuận|lựa chọn|chọn|quyết định|cho ý kiến)(\s|$)/iu;

function subjectVi(spec: MotionSpec, kind: VoteResultRecord['decided']['kind']): string {
  const title = spec.title.trim().replace(/[.;:,\s]+$/u, '');
  if (VERB.test(title)) return title[0].toLocaleLowerCase('vi-VN') + title.slice(1);
  return kind === 'yes_no' ? `thông qua ${title}` : `về ${title}`;
}

/**
 * One closed vote as the minutes write it: "Biểu quyết thông qua <title>: 4/5 thành viên tán thành (đạt 80%),
 * 1 không tán thành, 0 không biểu quyết. Kết quả: thông qua." (a secret ballot opens "Bỏ phiếu kín …").
 */
export function voteLineVi(result: VoteResultDto): string {
  const { record } = result;
  const { spec, decided } = record;
  const { count, noun } = baseCount(record);
  const weighted = isWeighted(record);
  const share = (a: Amount) => {
    const pct = percentVi(a.weight, decided.base);
    const parts = [weighted ? `trọng số ${decimalVi(a.weight)}/${decimalVi(decided.base)}` : null, pct === null ? null : `đạt ${pct}%`].filter(Boolean);
    return parts.length ? ` (${parts.join('; ')})` : '';
  };
  const parts: string[] = [];
  if (decided.kind === 'yes_no') {
    for (const c of decided.counts) {
      const label = lowerFirst(labelOf(spec, c.optionId));
      parts.push(c.optionId === YES_OPTION_ID ? `${c.ballots}/${count} ${noun} ${label}${share(c)}` : `${c.ballots} ${label}`);
    }
  } else {
    for (const c of decided.counts) {
      if (!spec.options.find((o) => o.id === c.optionId)?.abstain) parts.push(`${labelOf(spec, c.optionId)} được ${c.ballots}/${count} ${noun} tán thành${share(c)}`);
    }
    parts.push(`${decided.abstained.ballots} không biểu quyết`);
  }
  if (decided.invalid.ballots) parts.push(`${decided.invalid.ballots} phiếu không hợp lệ`);
  return `${spec.secret ? 'Bỏ phiếu kín' : 'Biểu quyết'} ${subjectVi(spec, decided.kind)}: ${parts.join(', ')}. Kết quả: ${outcomeVi(record)}.`;
}

function outcomeVi(record: VoteResultRecord): string {
  const { spec, decided } = record;
  if (decided.kind === 'yes_no') return decided.passed ? 'thông qua' : 'không thông qua';
  const names = (ids: string[]) => ids.map((id) => labelOf(spec, id)).join(', ');
  const parts = [
    decided.elected.length ? `${names(decided.elected)} ${chosenWord(spec)}` : null,
    decided.tied.length ? `${names(decided.tied)} ngang phiếu, cần biểu quyết lại` : null,
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : 'không có lựa chọn nào đạt số phiếu cần thiết';
}
