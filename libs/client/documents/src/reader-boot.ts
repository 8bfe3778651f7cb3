/**
 * What a link straight to a document starts while the app boots (apps/web's preloadEntryRoute): a small chunk of its
 * own, so that pdf.js gets the document and draws page 1 before the reader's chunk has loaded.
 */
export { prepareReader } from './lib/reader/reader-prefetch';
export type { ReaderPrepared, ReaderStart } from './lib/reader/reader-prefetch';
export { dropEarlyPage } from './lib/reader/reader-early-page';
