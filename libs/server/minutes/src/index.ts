export * from './minutes-fonts';
export * from './minutes-header';
export * from './minutes-html';
export * from './minutes-pdf';
