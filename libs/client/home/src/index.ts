export { MyMeetingsPage } from './lib/my-meetings.page';
export { orderMyMeetings, statusTone, upsertMeeting } from './lib/meeting-order';
