/**
 * Dates and times in a given IANA zone, never the device's: a tablet left on UTC must still show an 08:00 meeting
 * at 08:00. Pure functions (locale and zone passed in) so they are tested without Angular and whatever TZ is set.
 */

/** "08:00 Thứ Ba, 12/05/2026" (vi-VN) / "Tuesday, 12/05/2026, 08:00" (en-GB). */
export const FULL_DATE_TIME: Intl.DateTimeFormatOptions = { weekday: 'long', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' };
export const TIME_ONLY: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };
/** "12/05/2026 08:00": lists where the weekday would crowd the line. */
export const SHORT_DATE_TIME: Intl.DateTimeFormatOptions = { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' };

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** An ISO instant formatted in `timeZone`; '' for a missing or unreadable value. */
export function formatInZone(iso: string | null | undefined, locale: string, timeZone: string, options: Intl.DateTimeFormatOptions = FULL_DATE_TIME): string {
  const date = parse(iso);
  return date ? new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(date) : '';
}

/** The calendar day of an instant in `timeZone`, as "2026-05-12" (sortable, comparable). */
export function dayInZone(iso: string | Date, timeZone: string): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/**
 * A meeting's time: start with its day, then the end time alone when it ends the same day in `timeZone`, or the
 * end with its own day when the meeting runs past midnight (a two-day conference).
 */
export function formatMeetingSpan(startsAt: string, endsAt: string | null | undefined, locale: string, timeZone: string): string {
  const start = formatInZone(startsAt, locale, timeZone);
  if (!start || !parse(endsAt)) return start;
  const end = endsAt as string;
  const sameDay = dayInZone(startsAt, timeZone) === dayInZone(end, timeZone);
  return `${start} – ${formatInZone(end, locale, timeZone, sameDay ? TIME_ONLY : FULL_DATE_TIME)}`;
}

/** Whether the runtime knows the zone (a server set to a zone this browser lacks falls back to the default). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
