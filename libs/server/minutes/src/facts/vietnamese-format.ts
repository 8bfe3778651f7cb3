import { formatDecreeDate } from '../minutes-header';
import { MINUTES_TIME_ZONE } from './meeting-facts';

const pad = (n: number) => String(n).padStart(2, '0');

/** "08 giờ 05 phút" in the meeting's zone. */
export function clockVi(date: Date, timeZone = MINUTES_TIME_ZONE): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }).formatToParts(date);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return `${pad(part('hour'))} giờ ${pad(part('minute'))} phút`;
}

/** "08 giờ 05 phút, ngày 05 tháng 01 năm 2026". */
export function dateTimeVi(date: Date, timeZone = MINUTES_TIME_ZONE): string {
  return `${clockVi(date, timeZone)}, ${formatDecreeDate(date, timeZone)}`;
}

/** Same calendar day in the meeting's zone. */
export function sameDay(a: Date, b: Date, timeZone = MINUTES_TIME_ZONE): boolean {
  const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(d);
  return day(a) === day(b);
}

/** "1 giờ 05 phút", "12 phút 30 giây", "45 giây". */
export function durationVi(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (h > 0) return `${h} giờ ${pad(m)} phút`;
  if (m > 0) return rest ? `${m} phút ${pad(rest)} giây` : `${m} phút`;
  return `${rest} giây`;
}

/** Text for HTML: the sanitizer keeps text only, but names must not be read as markup in the first place. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** "Phiên họp thường kỳ …" → "phiên họp thường kỳ …"; a name ("UBND tỉnh …") keeps its capitals. */
export function lowerFirst(title: string): string {
  const [first = '', second = ''] = title.split(/\s+/);
  const sentenceCase = first.slice(1) === first.slice(1).toLocaleLowerCase('vi-VN') && second === second.toLocaleLowerCase('vi-VN');
  return sentenceCase && first ? first[0].toLocaleLowerCase('vi-VN') + title.slice(1) : title;
}
