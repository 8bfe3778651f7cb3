import type { MessageKey } from '@phonghop/client-i18n';
import type { MeetingKind, MeetingRole, MeetingStatus, MeetingTransition, RsvpState } from '@phonghop/contracts';

export const statusKey = (s: MeetingStatus): MessageKey => `meeting.status.${s}`;
export const kindKey = (k: MeetingKind): MessageKey => `meeting.kind.${k}`;
export const roleKey = (r: MeetingRole): MessageKey => `meeting.role.${r}`;
export const rsvpKey = (r: RsvpState): MessageKey => `rsvp.state.${r}`;

/** Icons beside each answer, so a glance at the roster is enough. */
export const RSVP_ICONS: Record<RsvpState, string> = {
  attending: 'check-circle',
  declined: 'cancel',
  delegated: 'forward',
  pending: 'hourglass',
};

export interface LifecycleAction {
  transition: MeetingTransition;
  icon: string;
  label: MessageKey;
  /** Chairs run the meeting: they may start and end it; everything else is the secretary's. */
  chairMay: boolean;
}

export const LIFECYCLE_ACTIONS: readonly LifecycleAction[] = [
  { transition: 'publish', icon: 'send', label: 'meetingPage.action.publish', chairMay: false },
  { transition: 'start', icon: 'play-arrow', label: 'meetingPage.action.start', chairMay: true },
  { transition: 'end', icon: 'stop', label: 'meetingPage.action.end', chairMay: true },
  { transition: 'archive', icon: 'archive', label: 'meetingPage.action.archive', chairMay: false },
  { transition: 'cancel', icon: 'block', label: 'meetingPage.action.cancel', chairMay: false },
];
