export * from './demo-data';
export * from './demo-seed.module';
export * from './demo-seed.service';
