import type { MessageKey } from '@phonghop/client-i18n';
import type { MeetingStatus } from '@phonghop/contracts';

/**
 * The secretary's meeting page, in tabs: all of it in one column was ≈ 2,400 px on a landscape tablet. Other roles
 * have far less on the page and keep the single view.
 */
export type MeetingTab = 'agenda' | 'documents' | 'participants' | 'session' | 'votes' | 'minutes';
export const MEETING_TABS: readonly MeetingTab[] = ['agenda', 'documents', 'participants', 'session', 'votes', 'minutes'];

export const TAB_LABELS: Record<MeetingTab, MessageKey> = {
  agenda: 'meetingPage.tab.agenda',
  documents: 'meetingPage.tab.documents',
  participants: 'meetingPage.tab.participants',
  session: 'meetingPage.tab.session',
  votes: 'meetingPage.tab.votes',
  minutes: 'meetingPage.tab.minutes',
};

/** Which parts the page has now (the live session, votes and minutes depend on the meeting's state; the rest are always there). */
export interface TabParts {
  session: boolean;
  votes: boolean;
  minutes: boolean;
}

export function meetingTabs(parts: TabParts): MeetingTab[] {
  return MEETING_TABS.filter((t) => (t === 'session' || t === 'votes' || t === 'minutes' ? parts[t] : true));
}

/**
 * The tab a secretary opens a meeting on: the session while it runs, the minutes once it is over, else the agenda.
 * Chosen once, when the page opens: the meeting starting meanwhile does not switch tabs under the secretary's hand.
 */
export function firstTab(status: MeetingStatus, available: readonly MeetingTab[], asked: string | null): MeetingTab {
  const wanted = MEETING_TABS.find((t) => t === asked);
  if (wanted && available.includes(wanted)) return wanted;
  const byStatus: MeetingTab = status === 'in_progress' ? 'session' : status === 'ended' || status === 'archived' ? 'minutes' : 'agenda';
  return available.includes(byStatus) ? byStatus : 'agenda';
}
