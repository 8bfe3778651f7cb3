import { type PDFFont, rgb } from 'pdf-lib';
import { MM, PAGE, type PageFlow } from './minutes-flow';
import type { MinutesRun } from './minutes-html';
import type { MinutesPdfInput } from './minutes-pdf';
import { balancedLines, baselineOffset, drawLine, drawRule, type Line, plainText } from './minutes-text';

/** What the header needs from the document; a vote's results (`vote_result`) go with the minutes and have no number of their own. */
export type HeaderFields = Pick<MinutesPdfInput, 'parentBody' | 'issuingBody' | 'number' | 'place' | 'date' | 'timeZone' | 'finalized'> & {
  kind: MinutesPdfInput['kind'] | 'vote_result';
};

const upper = (s: string) => plainText(s).toLocaleUpperCase('vi-VN');

/**
 * Body names keep "ỦY BAN NHÂN DÂN" / "HỘI ĐỒNG NHÂN DÂN" on one line when they wrap ("ỦY BAN NHÂN DÂN /
 * TỈNH AN BÌNH"), as typed headers do: the phrase is glued with no-break spaces, drawn as ordinary spaces.
 */
const glue = (s: string) => s.replace(/(ỦY BAN|UỶ BAN|HỘI ĐỒNG) NHÂN DÂN/gu, (m) => m.replace(/ /g, '\u00a0'));

/**
 * "ngày 05 tháng 01 năm 2026" in the meeting's time zone. Decree 30/2020 (Appendix I, 4b) pads a day below 10
 * and the months 1 and 2 with a zero ("tháng 01", "tháng 02", but "tháng 3"), so a date cannot be altered by
 * writing a digit in front of it.
 */
export function formatDecreeDate(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(date);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const day = part('day');
  const month = part('month');
  const pad = (n: number) => String(n).padStart(2, '0');
  return `ngày ${pad(day)} tháng ${month <= 2 ? pad(month) : month} năm ${part('year')}`;
}

/**
 * "Số: 05/BB-UBND". A number not yet given is left blank for the clerk, keeping the symbol:
 * "/BB-UBND" (or "") prints as "Số:      /BB-UBND" (or "/BB", "/TB"). Vote results print none ("").
 */
export function numberLine(number: string, kind: HeaderFields['kind']): string {
  const n = plainText(number);
  if (n && !n.startsWith('/')) return `Số: ${n}`;
  if (kind === 'vote_result' && !n) return '';
  return `Số:${'\u00a0'.repeat(8)}${n || (kind === 'minutes' ? '/BB' : '/TB')}`;
}

/**
 * Decree 30 has no document type "kết luận" for state bodies: conclusions go out as a THÔNG BÁO whose subject
 * starts with "Kết luận …". A subject in sentence case ("Cuộc họp UBND tỉnh") is joined in lower case; one that
 * starts with a name ("An Bình …", "UBND …") keeps its capitals.
 */
export function documentHeading(kind: MinutesPdfInput['kind'], title: string): { type: string; subject: string } {
  const subject = plainText(title);
  if (kind === 'minutes') return { type: 'BIÊN BẢN', subject };
  if (/^kết luận\b/iu.test(subject) || !subject) return { type: 'THÔNG BÁO', subject: subject || 'Kết luận' };
  const [first, second = ''] = subject.split(/\s+/);
  const sentenceCase = first.slice(1) === first.slice(1).toLocaleLowerCase('vi-VN') && second === second.toLocaleLowerCase('vi-VN');
  const joined = sentenceCase ? first[0].toLocaleLowerCase('vi-VN') + subject.slice(1) : subject;
  return { type: 'THÔNG BÁO', subject: `Kết luận ${joined}` };
}

/** Space between a line box and the rule under it: clear of descenders, so it does not read as underlining. */
const RULE_GAP = 2.5;
const SIZES = { parent: 12, issuing: 12, motto1: 12, motto2: 13, number: 13, date: 14, type: 14, subject: 14 };

/** Draws centred lines from `top` in the column [x, x + width]; returns the y under the last line. */
function centred(flow: PageFlow, lines: Line[], x: number, width: number, top: number, size: number, lineHeight = size * 1.2): number {
  let y = top;
  for (const line of lines) {
    drawLine(flow.page, line, x, y - baselineOffset(size, lineHeight), width, size, 'center');
    y -= lineHeight;
  }
  return y;
}

const runs = (text: string, style: Omit<MinutesRun, 'text'> = {}): MinutesRun[] => [{ text, ...style }];
const widest = (lines: Line[]) => Math.max(...lines.map((l) => l.width));

/**
 * The two-column head of page 1: issuing body and number on the left, national title, motto and place/date on
 * the right (Decree 30/2020, Appendix I, boxes 1–4). Leaves the flow's cursor under it.
 */
export function drawHeader(flow: PageFlow, f: HeaderFields): void {
  const { fonts } = flow;
  const rightWidth = Math.max(fonts.bold.widthOfTextAtSize('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', SIZES.motto1) + 6, flow.width * 0.56);
  const leftWidth = flow.width - rightWidth;
  const lx = flow.left;
  const rx = flow.left + leftWidth;
  const top = flow.y;

  let yl = top;
  if (f.parentBody?.trim()) yl = centred(flow, balancedLines(runs(glue(upper(f.parentBody))), fonts, SIZES.parent, leftWidth - 4), lx, leftWidth, yl, SIZES.parent);
  const issuing = balancedLines(runs(glue(upper(f.issuingBody)), { bold: true }), fonts, SIZES.issuing, leftWidth - 4);
  yl = centred(flow, issuing, lx, leftWidth, yl, SIZES.issuing);
  // The rule under the issuing body is a third to a half of its line, centred.
  yl -= RULE_GAP;
  drawRule(flow.page, lx + leftWidth / 2, yl, Math.max(widest(issuing) * 0.4, 40));

  let yr = centred(flow, balancedLines(runs('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true }), fonts, SIZES.motto1, rightWidth), rx, rightWidth, top, SIZES.motto1);
  const motto = balancedLines(runs('Độc lập - Tự do - Hạnh phúc', { bold: true }), fonts, SIZES.motto2, rightWidth);
  yr = centred(flow, motto, rx, rightWidth, yr, SIZES.motto2);
  // The motto's rule is as long as the motto.
  yr -= RULE_GAP;
  drawRule(flow.page, rx + rightWidth / 2, yr, widest(motto));

  // Number (left) and place/date (right) share a row, on one baseline.
  const rowTop = Math.min(yl, yr) - 6;
  const rowHeight = SIZES.date * 1.2;
  const baseline = rowTop - baselineOffset(SIZES.date, rowHeight);
  const numberText = numberLine(f.number, f.kind);
  const number = numberText ? balancedLines(runs(numberText), fonts, SIZES.number, leftWidth) : [];
  if (number.length) drawLine(flow.page, number[0], lx, baseline, leftWidth, SIZES.number, 'center');
  const dated = `${plainText(f.place)}, ${formatDecreeDate(f.date, f.timeZone)}`;
  const dateLines = balancedLines(runs(dated, { italic: true }), fonts, SIZES.date, rightWidth);
  centred(flow, dateLines, rx, rightWidth, rowTop, SIZES.date, rowHeight);
  flow.y = rowTop - rowHeight * Math.max(dateLines.length, number.length);

  if (!f.finalized) drawDraftMark(flow, fonts.bold);
}

/** "DỰ THẢO" in a box in the top margin of page 1, right-aligned: a draft must not pass for the signed text. */
function drawDraftMark(flow: PageFlow, font: PDFFont): void {
  const size = 12;
  const label = 'DỰ THẢO';
  const w = font.widthOfTextAtSize(label, size);
  const pad = 4;
  const x = PAGE.width - PAGE.right - w - 2 * pad;
  const boxTop = PAGE.height - 6 * MM;
  const boxHeight = size + 2 * pad;
  flow.page.drawRectangle({ x, y: boxTop - boxHeight, width: w + 2 * pad, height: boxHeight, borderColor: rgb(0, 0, 0), borderWidth: 0.8 });
  flow.page.drawText(label, { x: x + pad, y: boxTop - pad - size * 0.85, size, font, color: rgb(0, 0, 0) });
}

/** Document type and subject, centred and bold, with a short rule under the subject. */
export function drawTitle(flow: PageFlow, kind: MinutesPdfInput['kind'], title: string): void {
  const { type, subject } = documentHeading(kind, title);
  drawHeading(flow, type, subject);
}

/** A document type ("KẾT QUẢ BIỂU QUYẾT") and its subject, set as the minutes' title is. */
export function drawHeading(flow: PageFlow, type: string, subject: string): void {
  flow.skip(22);
  const typeLines = balancedLines(runs(type, { bold: true }), flow.fonts, SIZES.type, flow.width);
  flow.y = centred(flow, typeLines, flow.left, flow.width, flow.y, SIZES.type, SIZES.type * 1.3);
  if (!subject) return;
  const subjectLines = balancedLines(runs(subject, { bold: true }), flow.fonts, SIZES.subject, flow.width * 0.85);
  flow.y = centred(flow, subjectLines, flow.left, flow.width, flow.y, SIZES.subject, SIZES.subject * 1.3);
  flow.y -= RULE_GAP;
  drawRule(flow.page, flow.left + flow.width / 2, flow.y, Math.max(widest(subjectLines) / 3, 60));
  flow.y -= 8;
}
