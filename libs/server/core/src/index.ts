export * from './api-error';
export * from './api-exception.filter';
export * from './database-unavailable';
export * from './validation';
export * from './worker-thread';
export * from './json-depth';
export * from './same-turn-reads';
export * from './untrusted-file';
