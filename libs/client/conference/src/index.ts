export * from './lib/conference.routes';
export { MeetingRecordingsComponent } from './lib/recordings/meeting-recordings.component';
export type { ConferenceChannel } from './lib/display/conference-channel';
export { DisplayStageComponent } from './lib/display/display-stage.component';
