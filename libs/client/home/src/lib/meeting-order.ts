import type { MeetingStatus, MeetingSummaryDto } from '@phonghop/contracts';

/** What matters on a tablet in the hall: the meeting in session first, then what comes next, then the past. */
const STATUS_RANK: Record<MeetingStatus, number> = {
  in_progress: 0,
  published: 1,
  draft: 2,
  ended: 3,
  archived: 4,
  cancelled: 5,
};

export function orderMyMeetings(meetings: readonly MeetingSummaryDto[]): MeetingSummaryDto[] {
  return [...meetings].sort((a, b) => {
    const rank = STATUS_RANK[a.status] - STATUS_RANK[b.status];
    if (rank !== 0) return rank;
    const diff = Date.parse(a.startsAt) - Date.parse(b.startsAt);
    // Upcoming: soonest first; past: most recent first.
    return STATUS_RANK[a.status] >= STATUS_RANK.ended ? -diff : diff;
  });
}

/** Chip colours by status, so the meeting in session stands out. */
export type StatusTone = 'live' | 'upcoming' | 'muted' | 'cancelled';

export function statusTone(status: MeetingStatus): StatusTone {
  switch (status) {
    case 'in_progress':
      return 'live';
    case 'published':
    case 'draft':
      return 'upcoming';
    case 'cancelled':
      return 'cancelled';
    default:
      return 'muted';
  }
}

/** A meeting pushed over realtime (new invitation, change, cancellation) replaces its old card or joins the list. */
export function upsertMeeting(meetings: readonly MeetingSummaryDto[] | null, meeting: MeetingSummaryDto): MeetingSummaryDto[] {
  const list = meetings ?? [];
  return list.some((m) => m.id === meeting.id) ? list.map((m) => (m.id === meeting.id ? meeting : m)) : [...list, meeting];
}
