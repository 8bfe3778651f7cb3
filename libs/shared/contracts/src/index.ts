export * from './api';
export * from './documents';
export * from './errors';
export * from './identity';
export * from './meetings';
export * from './organisation';
export * from './realtime';
export * from './roles';
