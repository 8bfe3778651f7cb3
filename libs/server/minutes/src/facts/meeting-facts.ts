import {
  type AgendaItemDto,
  type AttendanceEntry,
  type FloorState,
  type MeetingDetailDto,
  type ParticipantDto,
  type RecordEventDto,
  type RosterEntry,
  type VoteResultDto,
  rosterEntryOf,
} from '@phonghop/contracts';

/** Minutes are dated and timed where the meeting is held: Vietnam has one zone. */
export const MINUTES_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** Everything the minutes, their PDF and the statistics are made from (read once per request). */
export interface MeetingFacts {
  meeting: MeetingDetailDto;
  /** The organiser unit and its parent (the header's issuing and parent bodies). */
  unit: { name: string; parentName: string | null } | null;
  participants: ParticipantDto[];
  agenda: AgendaItemDto[];
  floor: FloorState;
  events: RecordEventDto[];
  attendance: (AttendanceEntry & { reason: string | null })[];
  /** The site of each site-operator account in the meeting (user id → site). */
  siteOfAccount: Map<string, { id: string; name: string }>;
  /** Names of the sites seen: check-ins, speeches, site accounts. */
  siteNames: Map<string, string>;
  /** The closed votes in the order they closed, as the voting domain sealed them. */
  votes: VoteResultDto[];
}

/** One finished speech, from the running record. */
export interface Speech {
  userId: string;
  name: string;
  unitName: string | null;
  /** The site speaking (a site's account), or where the person checked in. */
  siteName: string | null;
  /** The speaker is a site, not a person. */
  isSite: boolean;
  kind: 'speech' | 'point_of_order';
  topic: string | null;
  itemId: string | null;
  endedAt: string;
  seconds: number;
  overrunSeconds: number;
}

/** How one participant attended: where, or why not. */
export interface PersonAttendance {
  participant: ParticipantDto;
  present: boolean;
  /** Where they checked in (null: the hall, or absent). */
  siteId: string | null;
  siteName: string | null;
  /** Why absent: the reason marked at the meeting, else the one given when declining, else a delegation. */
  reason: string | null;
  /** Present through a proxy (ủy quyền) who checked in. */
  proxyName: string | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** Finished speeches in the order they ended. */
export function speechesOf(facts: Pick<MeetingFacts, 'events' | 'attendance' | 'siteNames'>): Speech[] {
  const checkedInAt = new Map(facts.attendance.filter((a) => a.status === 'present' && a.siteId).map((a) => [a.userId, a.siteName]));
  return facts.events
    .filter((e) => e.kind === 'speech_ended')
    .map((e) => {
      const d = e.data;
      const siteId = str(d['siteId']);
      const userId = str(d['userId']) ?? '';
      return {
        userId,
        name: str(d['name']) ?? '—',
        unitName: str(d['unitName']),
        siteName: siteId ? (facts.siteNames.get(siteId) ?? str(d['name'])) : (checkedInAt.get(userId) ?? null),
        isSite: !!siteId,
        kind: d['kind'] === 'point_of_order' ? 'point_of_order' : 'speech',
        topic: str(d['topic']),
        itemId: str(d['itemId']),
        endedAt: e.at,
        seconds: num(d['seconds']),
        overrunSeconds: num(d['overrunSeconds']),
      };
    });
}

/** Participants who attend (the secretaries run the meeting and are left out), with where they were or why not. */
export function attendanceOf(facts: Pick<MeetingFacts, 'participants' | 'attendance'>): PersonAttendance[] {
  const marks = new Map(facts.attendance.map((a) => [a.userId, a]));
  const byUser = new Map(facts.participants.map((p) => [p.userId, p]));
  const proxyOf = new Map(facts.participants.filter((p) => p.representsUserId).map((p) => [p.representsUserId as string, p]));
  return facts.participants
    .filter((p) => p.meetingRole !== 'secretary')
    .map((p) => {
      const mark = marks.get(p.userId);
      const present = mark?.status === 'present';
      const proxy = proxyOf.get(p.userId);
      const proxyPresent = !present && !!proxy && marks.get(proxy.userId)?.status === 'present';
      const delegatedTo = p.delegateUserId ? byUser.get(p.delegateUserId)?.fullName : undefined;
      const reason = present ? null : (mark?.reason ?? p.declineReason ?? (delegatedTo ? `ủy quyền cho ${delegatedTo}` : null));
      return {
        participant: p,
        present,
        siteId: present ? (mark?.siteId ?? null) : null,
        siteName: present ? (mark?.siteName ?? null) : null,
        reason,
        proxyName: proxyPresent ? (proxy?.fullName ?? null) : null,
      };
    });
}

/** The participants as the room's roster has them (for the shared quorum count). */
export function rosterOf(participants: readonly ParticipantDto[]): RosterEntry[] {
  return participants.map(rosterEntryOf);
}

/** When the session opened (else when the meeting was planned to start). */
export function sessionStart(facts: Pick<MeetingFacts, 'floor' | 'meeting'>): Date {
  return new Date(facts.floor.startedAt ?? facts.meeting.startsAt);
}
