export { MEETINGS_ROUTES } from './lib/meetings.routes';
export { MeetingPage } from './lib/meeting-page/meeting.page';
export { NewMeetingPage } from './lib/new-meeting/new-meeting.page';
export { agendaTree, numberAgenda, moveTopLevel, moveSubItem, reorderRequest, applyOrder, plannedTotal } from './lib/agenda';
export type { AgendaNode, NumberedAgendaItem } from './lib/agenda';
export { rsvpCounts, rsvpBars, rosterRows, RSVP_ORDER } from './lib/rsvp';
export type { RsvpCounts, RsvpBar, RosterRow } from './lib/rsvp';
export { toMeetingIso, toDateTimeInputs } from './lib/meeting-time';
