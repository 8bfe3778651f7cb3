/** The foundation's slice of meetings: enough for "my meetings" and per-meeting realtime rooms. */
export const MEETING_STATUSES = ['draft', 'published', 'in_progress', 'ended', 'archived', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const MEETING_KINDS = ['in_person', 'online', 'hybrid'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export const MEETING_ROLES = ['chair', 'secretary', 'delegate', 'guest', 'site'] as const;
export type MeetingRole = (typeof MEETING_ROLES)[number];

export interface MeetingSummaryDto {
  id: string;
  title: string;
  kind: MeetingKind;
  status: MeetingStatus;
  startsAt: string;
  endsAt: string | null;
  location: string | null;
  organiserUnitName: string | null;
  /** The caller's role in this meeting. */
  myRole: MeetingRole;
}
