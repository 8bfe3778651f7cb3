import type { Routes } from '@angular/router';
import { MeetingDocumentsPage } from './page/meeting-documents.page';
import { DocumentReaderPage } from './reader/document-reader.page';

/**
 * Mounted by the app at /meetings/:meetingId/documents: the documents page and the reader
 * (`/meetings/:meetingId/documents/:documentId?page=&q=&v=`). pdf.js itself loads only in the reader.
 */
export const DOCUMENTS_ROUTES: Routes = [
  { path: '', title: 'docs.pageTitle', component: MeetingDocumentsPage },
  { path: ':documentId', title: 'reader.title', component: DocumentReaderPage },
];
