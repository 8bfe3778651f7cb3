import type { MeetingStatus, MeetingSummaryDto, MyMeetingDto } from '@phonghop/contracts';

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

/**
 * A meeting pushed over realtime (new invitation, change, cancellation) replaces its old card or joins the list.
 * Pushes carry the summary only: a known card keeps my answer, a new invitation has none yet.
 */
export function upsertMeeting(meetings: readonly MyMeetingDto[] | null, meeting: MeetingSummaryDto): MyMeetingDto[] {
  const list = meetings ?? [];
  const before = list.find((m) => m.id === meeting.id);
  const next: MyMeetingDto = { ...meeting, myRsvp: before?.myRsvp ?? 'pending' };
  return before ? list.map((m) => (m.id === meeting.id ? next : m)) : [...list, next];
}
