export * from './conference.module';
export * from './conference.options';
export * from './conference.service';
export * from './media/media-worker-pool';
export * from './room/conference-room';
export * from './media/media-codecs';
export * from './recording/conference-recorder';
export * from './recording/recording.entity';
