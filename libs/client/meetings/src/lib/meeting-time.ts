/**
 * Meetings happen in Vietnam (UTC+7 all year, no daylight saving), so the form's date and time
 * fields are read and written in that zone whatever the device's own setting is.
 */
export const MEETING_UTC_OFFSET = '+07:00';
const OFFSET_MS = 7 * 60 * 60 * 1000;

/** `2026-12-15` + `08:30` → the UTC ISO instant of 08:30 in Hà Nội; null when incomplete or invalid. */
export function toMeetingIso(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  const instant = new Date(`${date}T${time}:00${MEETING_UTC_OFFSET}`);
  return Number.isNaN(instant.getTime()) ? null : instant.toISOString();
}

/** The inverse, for filling `<input type="date">` and `<input type="time">` from an ISO instant. */
export function toDateTimeInputs(iso: string | null | undefined): { date: string; time: string } {
  if (!iso) return { date: '', time: '' };
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return { date: '', time: '' };
  const local = new Date(t + OFFSET_MS).toISOString();
  return { date: local.slice(0, 10), time: local.slice(11, 16) };
}
