export * from './lib/conference.routes';
export { MeetingRecordingsComponent } from './lib/recordings/meeting-recordings.component';
