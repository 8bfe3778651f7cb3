export * from './meeting.entity';
export * from './meetings.module';
export * from './meetings.service';
