import { type AttendanceGroupDto, type MeetingStatisticsDto, countQuorum, itemElapsedSeconds } from '@phonghop/contracts';
import { type MeetingFacts, type PersonAttendance, attendanceOf, rosterOf, speechesOf } from '../facts/meeting-facts';

const seconds = (from: string, to: number) => Math.max(0, Math.round((to - Date.parse(from)) / 1000));

/** Counts people into groups, keeping the first-seen order of keys. */
function group(people: PersonAttendance[], keyOf: (a: PersonAttendance) => { siteId: string | null; name: string | null }): AttendanceGroupDto[] {
  const groups = new Map<string, AttendanceGroupDto>();
  for (const a of people) {
    const { siteId, name } = keyOf(a);
    const key = `${siteId ?? ''}|${name ?? ''}`;
    const g = groups.get(key) ?? { siteId, name, present: 0, absent: 0, total: 0 };
    g.total++;
    if (a.present) g.present++;
    else g.absent++;
    groups.set(key, g);
  }
  return [...groups.values()];
}

/** Named groups by name, the unnamed one (no unit, or the hall) first. */
const byName = (a: AttendanceGroupDto, b: AttendanceGroupDto) => (a.name === null ? -1 : b.name === null ? 1 : a.name.localeCompare(b.name, 'vi'));

/**
 * A meeting in figures: who attended (by unit, by place, the quorum), how long the session and each item took
 * against the plan, who spoke how often and how long, and how far the documents went. `now` closes the clocks of
 * a session or item still open.
 */
export function meetingStatistics(facts: MeetingFacts, documents: MeetingStatisticsDto['documents'], now: Date): MeetingStatisticsDto {
  const people = attendanceOf(facts);
  const present = people.filter((a) => a.present);
  const atSites = present.filter((a) => a.siteId).length;
  const marks = Object.fromEntries(facts.attendance.map((a) => [a.userId, a]));
  const speeches = speechesOf(facts);
  const { floor, meeting } = facts;
  const t = now.getTime();

  const bySite = group(people, (a) => {
    const siteId = a.present ? a.siteId : (facts.siteOfAccount.get(a.participant.userId)?.id ?? null);
    return { siteId, name: siteId ? (facts.siteNames.get(siteId) ?? a.siteName) : null };
  }).sort(byName);
  if (!bySite.some((g) => g.siteId === null)) bySite.unshift({ siteId: null, name: null, present: 0, absent: 0, total: 0 });

  const speakers = new Map<string, MeetingStatisticsDto['speakers'][number]>();
  for (const s of speeches) {
    const row = speakers.get(s.userId) ?? { userId: s.userId, name: s.name, unitName: s.unitName, siteName: s.siteName, speeches: 0, totalSeconds: 0, overruns: 0, overrunSeconds: 0 };
    row.speeches++;
    row.totalSeconds += s.seconds;
    if (s.overrunSeconds > 0) row.overruns++;
    row.overrunSeconds += s.overrunSeconds;
    speakers.set(s.userId, row);
  }

  return {
    meetingId: meeting.id,
    generatedAt: now.toISOString(),
    attendance: {
      participants: people.length,
      present: present.length,
      absent: people.length - present.length,
      hall: present.length - atSites,
      sites: atSites,
      quorum: countQuorum(rosterOf(facts.participants), marks, floor.quorum),
      byUnit: group(people, (a) => ({ siteId: null, name: a.participant.unitName })).sort(byName),
      bySite,
    },
    session: {
      startedAt: floor.startedAt,
      endedAt: floor.endedAt,
      seconds: floor.startedAt ? seconds(floor.startedAt, floor.endedAt ? Date.parse(floor.endedAt) : t) : 0,
      plannedMinutes: meeting.endsAt ? Math.round((Date.parse(meeting.endsAt) - Date.parse(meeting.startsAt)) / 60_000) : null,
    },
    items: facts.agenda.map((item) => {
      const spent = itemElapsedSeconds(floor, item.id, t);
      return {
        itemId: item.id,
        parentId: item.parentId,
        title: item.title,
        plannedMinutes: item.plannedMinutes,
        seconds: spent,
        overrunSeconds: item.plannedMinutes ? Math.max(0, spent - item.plannedMinutes * 60) : 0,
        speeches: speeches.filter((s) => s.itemId === item.id).length,
      };
    }),
    speakers: [...speakers.values()],
    documents,
    votes: facts.votes.map(({ record }) => ({
      motionId: record.motionId,
      itemId: record.itemId,
      title: record.spec.title,
      secret: record.spec.secret,
      eligible: record.eligible.count,
      cast: record.decided.cast.ballots,
      outcome:
        record.decided.kind === 'yes_no'
          ? record.decided.passed
            ? 'passed'
            : 'not_passed'
          : record.decided.tied.length
            ? 'tied'
            : record.decided.elected.length
              ? 'elected'
              : 'none',
    })),
  };
}
