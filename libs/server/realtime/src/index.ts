export * from './handshake';
export * from './realtime.gateway';
export * from './realtime.module';
export * from './realtime-limits';
export * from './room-access.policy';
export * from './room-hub';
export * from './socket-requests';
export * from './user-notifier';
