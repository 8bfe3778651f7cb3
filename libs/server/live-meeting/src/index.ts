export * from './displays.service';
export * from './floor-requests';
export * from './floor-rules';
export * from './floor.store';
export * from './live-meeting.entity';
export * from './live-meeting.module';
export * from './live-meeting.service';
