export * from './ballot.store';
export * from './chain-verifier';
export * from './eligibility';
export * from './result-chain';
export * from './voting.entity';
export * from './voting.module';
export * from './voting.service';
