import { DEFAULT_MEETING_TIME_ZONE } from '@phonghop/contracts';

/**
 * Meetings happen in the server's meeting zone (Asia/Ho_Chi_Minh unless MEETING_TIME_ZONE says otherwise), so the
 * form's date and time fields are read and written in that zone whatever the device's own setting is.
 */

/** How far the zone's wall clock is ahead of UTC at `instant` (ms); follows daylight saving where a zone has it. */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

/** `2026-12-15` + `08:30` → the UTC ISO instant of 08:30 in the zone (Hà Nội by default); null when incomplete or invalid. */
export function toMeetingIso(date: string, time: string, timeZone: string = DEFAULT_MEETING_TIME_ZONE): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  const wall = Date.parse(`${date}T${time}:00Z`);
  if (Number.isNaN(wall) || new Date(wall).toISOString().slice(0, 10) !== date) return null;
  // The offset at the guess, then again at the corrected instant (the two differ only next to a clock change).
  const guess = wall - zoneOffsetMs(wall, timeZone);
  return new Date(wall - zoneOffsetMs(guess, timeZone)).toISOString();
}

/** The inverse, for filling `<input type="date">` and `<input type="time">` from an ISO instant. */
export function toDateTimeInputs(iso: string | null | undefined, timeZone: string = DEFAULT_MEETING_TIME_ZONE): { date: string; time: string } {
  if (!iso) return { date: '', time: '' };
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return { date: '', time: '' };
  const local = new Date(t + zoneOffsetMs(t, timeZone)).toISOString();
  return { date: local.slice(0, 10), time: local.slice(11, 16) };
}
