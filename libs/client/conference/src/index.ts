export * from './lib/conference.routes';
