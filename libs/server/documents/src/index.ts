export * from './document-access';
export { DocumentFilesService, type ServedFile } from './document-files.service';
export * from './document.entities';
export * from './document-processing.service';
export * from './documents.module';
export * from './documents.options';
export * from './documents.service';
export { contentDisposition } from './http/byte-range';
export { sendFile } from './http/send-file';
