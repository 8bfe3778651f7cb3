export { MyMeetingsPage } from './lib/my-meetings.page';
export { statusTone, upsertMeeting } from './lib/meeting-order';
export { groupMeetings, matchesSearch, needsAnswer } from './lib/home-list';
