export * from './ballot.store';
export * from './voting.entity';
