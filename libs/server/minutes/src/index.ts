export * from './minutes-fonts';
export * from './minutes-header';
export * from './minutes-html';
export * from './minutes-pdf';
export * from './minutes.entity';
export * from './minutes.module';
export * from './minutes.service';
export * from './vote-result-pdf';
