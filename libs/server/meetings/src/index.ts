export * from './agenda.service';
export * from './meeting.entity';
export * from './meeting-preparation.service';
export * from './meetings.module';
export * from './meetings.service';
export * from './participants.service';
export * from './site-participants.service';
