export * from './document-access';
export * from './document.entities';
export * from './document-processing.service';
export * from './documents.module';
export * from './documents.options';
export * from './documents.service';
export { contentDisposition } from './http/byte-range';
