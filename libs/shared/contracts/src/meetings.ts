import type { PlacedSiteDto } from './organisation';

/** Meetings: lifecycle, participants with RSVP and delegation, agenda. */
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

/** One card of "Cuộc họp của tôi" (GET /meetings/mine): a summary plus the caller's own answer to the invitation. */
export interface MyMeetingDto extends MeetingSummaryDto {
  /** The caller's own seat's RSVP (not that of someone they represent): `pending` = chưa trả lời. */
  myRsvp: RsvpState;
}

export const CONFIDENTIALITY_LEVELS = ['normal', 'confidential'] as const;
export type ConfidentialityLevel = (typeof CONFIDENTIALITY_LEVELS)[number];

/** Allowed lifecycle moves. Cancelling (with a reason) is possible at any point before the end. */
export const MEETING_TRANSITIONS = {
  publish: { from: ['draft'], to: 'published' },
  start: { from: ['published'], to: 'in_progress' },
  end: { from: ['in_progress'], to: 'ended' },
  archive: { from: ['ended'], to: 'archived' },
  cancel: { from: ['draft', 'published', 'in_progress'], to: 'cancelled' },
} as const satisfies Record<string, { from: readonly MeetingStatus[]; to: MeetingStatus }>;
export type MeetingTransition = keyof typeof MEETING_TRANSITIONS;

export function canTransition(status: MeetingStatus, transition: MeetingTransition): boolean {
  return (MEETING_TRANSITIONS[transition].from as readonly MeetingStatus[]).includes(status);
}

export interface MeetingDetailDto extends MeetingSummaryDto {
  confidentiality: ConfidentialityLevel;
  description: string | null;
  organiserUnitId: string | null;
  participatingUnitIds: string[];
  participatingSiteIds: string[];
  /**
   * Online and hybrid meetings on a lower-level server (district): the upper-level server's meeting (province)
   * whose conference this one joins, as that server's secretary gives it. Sites here then see and hear the province.
   */
  upperMeetingId: string | null;
  cancelReason: string | null;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CreateMeetingRequest {
  title: string;
  kind: MeetingKind;
  startsAt: string;
  endsAt?: string | null;
  location?: string | null;
  description?: string | null;
  organiserUnitId?: string | null;
  confidentiality?: ConfidentialityLevel;
  participatingUnitIds?: string[];
  participatingSiteIds?: string[];
  upperMeetingId?: string | null;
}

export type UpdateMeetingRequest = Partial<CreateMeetingRequest>;

export interface CancelMeetingRequest {
  reason: string;
}

export const RSVP_STATES = ['pending', 'attending', 'declined', 'delegated'] as const;
export type RsvpState = (typeof RSVP_STATES)[number];

export interface ParticipantDto {
  id: string;
  userId: string;
  fullName: string;
  title: string | null;
  unitName: string | null;
  meetingRole: MeetingRole;
  rsvp: RsvpState;
  declineReason: string | null;
  /** Set when this participant sent someone in their place (ủy quyền). */
  delegateUserId: string | null;
  /** Set on a proxy: whom they represent. A proxy receives the documents and votes for that person. */
  representsUserId: string | null;
  respondedAt: string | null;
}

export interface AddParticipantsRequest {
  /** The role of the people added (one by one and by unit). Sites and their operator accounts are always `site`. */
  meetingRole: MeetingRole;
  userIds?: string[];
  /** Everyone whose unit is one of these (not sub-units). */
  unitIds?: string[];
  /**
   * These conference sites, each a participant in its own right (it drives the conference's site tree), with its
   * site-operator accounts if it has any. Adding a person with meeting role `site` also invites that person's site.
   */
  siteIds?: string[];
}

/**
 * A site (điểm cầu) invited to a meeting. The site itself is the participant: it is invited whether or not it has a
 * site-operator account yet, and it is never a member (quorum and votes count people, not sites).
 */
export interface SiteParticipantDto extends PlacedSiteDto {
  /** The site's operator accounts (kỹ thuật viên) and whether each is invited; empty when it has none yet. */
  operators: { userId: string; fullName: string; invited: boolean }[];
}

/** Someone a participant may send in their place (ủy quyền): only what choosing needs, not a user record. */
export interface DelegateCandidateDto {
  userId: string;
  fullName: string;
  title: string | null;
  unitName: string | null;
}

export interface UpdateParticipantRequest {
  meetingRole: MeetingRole;
}

export type RsvpRequest =
  | { response: 'attend' }
  | { response: 'decline'; reason: string }
  | { response: 'delegate'; delegateUserId: string; reason?: string };

export interface AgendaItemDto {
  id: string;
  parentId: string | null;
  position: number;
  title: string;
  description: string | null;
  presenter: string | null;
  plannedMinutes: number | null;
}

export interface CreateAgendaItemRequest {
  title: string;
  parentId?: string | null;
  description?: string | null;
  presenter?: string | null;
  plannedMinutes?: number | null;
}

export type UpdateAgendaItemRequest = Partial<Omit<CreateAgendaItemRequest, 'parentId'>>;

/** The whole agenda order at once, as the drag-and-drop list shows it after a move. */
export interface ReorderAgendaRequest {
  items: { id: string; parentId: string | null; position: number }[];
}

/** An invitation as pushed to a participant's app the moment a meeting is published. */
export interface InvitationNotice {
  meeting: MeetingSummaryDto;
}
