import { dayInZone, matchesFolded } from '@phonghop/client-i18n';
import type { MeetingStatus, MeetingSummaryDto, MyMeetingDto } from '@phonghop/contracts';

/** A home card: the meeting, the caller's answer, and how many of its documents they have not opened yet. */
export interface HomeMeeting extends MyMeetingDto {
  newDocuments: number;
}

/** One chip of the filter row: everything, what needs me, or one status. */
export type HomeFilter = 'all' | 'unanswered' | 'newDocuments' | MeetingStatus;

/** An invitation still waiting for my answer, while answering still makes sense (not a draft, not over or cancelled). */
export function needsAnswer(m: Pick<MyMeetingDto, 'myRsvp' | 'status'>): boolean {
  return m.myRsvp === 'pending' && (m.status === 'published' || m.status === 'in_progress');
}

/** Search over what people remember of a meeting: its title, place and organiser, without tone marks. */
export function matchesSearch(m: Pick<MeetingSummaryDto, 'title' | 'location' | 'organiserUnitName'>, query: string): boolean {
  return matchesFolded(query, [m.title, m.location, m.organiserUnitName]);
}

export function matchesFilter(m: HomeMeeting, filter: HomeFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'unanswered':
      return needsAnswer(m);
    case 'newDocuments':
      return m.newDocuments > 0;
    default:
      return m.status === filter;
  }
}

export interface MeetingGroups<T> {
  /** In session, or on today's date in the meeting zone and not over. */
  today: T[];
  /** Later days, soonest first. */
  upcoming: T[];
  /** Over (ended, archived) or on an earlier day; most recent first. */
  past: T[];
}

const FINISHED: readonly MeetingStatus[] = ['ended', 'archived'];

/**
 * Today / upcoming / past by the calendar of the meeting zone (not the device's): at 23:30 in Hà Nội a tablet on UTC
 * must not call tomorrow's 08:00 meeting "today". A meeting in session counts as today whatever its start date.
 */
export function groupMeetings<T extends Pick<MeetingSummaryDto, 'status' | 'startsAt'>>(meetings: readonly T[], now: Date, timeZone: string): MeetingGroups<T> {
  const today = dayInZone(now, timeZone);
  const groups: MeetingGroups<T> = { today: [], upcoming: [], past: [] };
  for (const m of meetings) {
    const day = dayInZone(m.startsAt, timeZone);
    if (m.status === 'in_progress') groups.today.push(m);
    else if (FINISHED.includes(m.status) || day < today) groups.past.push(m);
    else if (day === today) groups.today.push(m);
    else groups.upcoming.push(m);
  }
  const start = (m: T) => Date.parse(m.startsAt);
  // Today: the meeting in session first, then by start time.
  groups.today.sort((a, b) => Number(b.status === 'in_progress') - Number(a.status === 'in_progress') || start(a) - start(b));
  groups.upcoming.sort((a, b) => start(a) - start(b));
  groups.past.sort((a, b) => start(b) - start(a));
  return groups;
}

/** Chip counts over the whole list (not the searched part), so the chips stay put while typing. */
export function filterCounts(meetings: readonly HomeMeeting[]): Map<HomeFilter, number> {
  const counts = new Map<HomeFilter, number>([
    ['all', meetings.length],
    ['unanswered', 0],
    ['newDocuments', 0],
  ]);
  for (const m of meetings) {
    for (const f of ['unanswered', 'newDocuments', m.status] as const) if (matchesFilter(m, f)) counts.set(f, (counts.get(f) ?? 0) + 1);
  }
  return counts;
}
