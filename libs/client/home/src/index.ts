export { MyMeetingsPage } from './lib/my-meetings.page';
export { orderMyMeetings, statusTone } from './lib/meeting-order';
