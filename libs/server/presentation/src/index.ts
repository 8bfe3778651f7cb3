export * from './presentation-requests';
export * from './presentation.module';
export * from './presentation.service';
export * from './presentation.store';
