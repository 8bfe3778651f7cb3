import type { DocumentSignaturesDto } from './signatures';

/** Meeting documents: PDFs per agenda item or per meeting, versioned, content-addressed, access-controlled. */
export const DOCUMENT_ACCESS = ['all', 'named', 'confidential'] as const;
/** all: every participant · named: only the listed participants · confidential: participants, watermarked per viewer */
export type DocumentAccess = (typeof DOCUMENT_ACCESS)[number];

export const MAX_DOCUMENT_BYTES = 200 * 1024 * 1024;
/** Upload chunk size: small enough to resume cheaply on a flaky hall Wi-Fi, large enough to be fast. */
export const UPLOAD_CHUNK_BYTES = 4 * 1024 * 1024;

export interface DocumentVersionDto {
  id: string;
  version: number;
  fileName: string;
  sha256: string;
  sizeBytes: number;
  pageCount: number;
  uploadedAt: string;
  uploadedByName: string | null;
  /** Background work after upload: page images and text for search. */
  thumbnailsReady: boolean;
  textReady: boolean;
  /** The file's digital signatures as checked on upload; null (or absent) when it carries none. */
  signatures?: DocumentSignaturesDto | null;
}

export interface DocumentDto {
  id: string;
  meetingId: string;
  agendaItemId: string | null;
  title: string;
  access: DocumentAccess;
  namedUserIds: string[];
  published: boolean;
  current: DocumentVersionDto;
  versionCount: number;
}

export interface StartUploadRequest {
  fileName: string;
  sizeBytes: number;
}

export interface UploadStatusDto {
  uploadId: string;
  fileName: string;
  sizeBytes: number;
  receivedBytes: number;
  chunkBytes: number;
  expiresAt: string;
}

export interface CompleteUploadRequest {
  title: string;
  agendaItemId?: string | null;
  access?: DocumentAccess;
  namedUserIds?: string[];
  /** Uploading a new version of an existing document. */
  replacesDocumentId?: string | null;
}

export interface DocumentReceiptDto {
  userId: string;
  fullName: string;
  documentId: string;
  version: number;
  receivedAt: string | null;
  openedAt: string | null;
}

/**
 * "Tài liệu mới" on the home page: per meeting of the caller, the published documents they may see whose current
 * version they have not opened yet (a new version counts as new again). Documents they uploaded themselves are left out.
 */
export interface NewDocumentsCountDto {
  meetingId: string;
  count: number;
}

export interface SearchHitDto {
  documentId: string;
  version: number;
  page: number;
  snippet: string;
}

/** Changing a document's metadata (manage only); omitted fields stay as they are. */
export interface UpdateDocumentRequest {
  title?: string;
  access?: DocumentAccess;
  namedUserIds?: string[];
  agendaItemId?: string | null;
}

/** Most documents one "Phát hành tất cả" may publish at once (far more than any meeting's pack). */
export const MAX_PUBLISH_BATCH = 500;

/**
 * "Phát hành tất cả": publish these documents of the meeting, all or none. The client sends the ids the secretary
 * confirmed rather than "whatever is unpublished", so a paper uploaded meanwhile by someone else is not sent out
 * unseen. Already published ones are left as they are.
 */
export interface PublishDocumentsRequest {
  documentIds: string[];
}

/** Extracted text of one page (1-based), for reading aloud, copying and search. */
export interface DocumentPageTextDto {
  page: number;
  text: string;
}

/** Shortest search query: one- or two-letter words would match nearly every page. */
export const SEARCH_MIN_LENGTH = 2;
/** Width of page thumbnails in pixels. */
export const THUMBNAIL_WIDTH = 200;
/**
 * Width in pixels of the server-made image of page 1 that the reader shows at once, while pdf.js loads
 * (sharp enough for a tablet's first glance; pdf.js then draws the page at full resolution).
 */
export const PREVIEW_WIDTH = 1200;
/**
 * Response header of `GET /documents/:id/file` (the current version's PDF): the version number it served, so the
 * reader asks for the first bytes before the metadata names the version, and for the rest from that version's own
 * (immutable) address.
 */
export const DOCUMENT_VERSION_HEADER = 'x-phonghop-version';

/** pdf.js reads a PDF in chunks of this many bytes (its `rangeChunkSize`): every range it asks for starts on one. */
export const PDF_RANGE_CHUNK = 65536;

/**
 * Response header of a PDF served as stored (not a per-reader stamped copy): the chunks (of PDF_RANGE_CHUNK bytes,
 * comma-separated indexes, "1,19,20") pdf.js reads to draw page 1 besides the first and the last chunk. The reader
 * asks for them all at once, beside pdf.js' start-up, instead of one round trip after another (a font shared by every
 * page often sits in the middle of the file). Absent until the server has recorded them.
 */
export const FIRST_PAGE_CHUNKS_HEADER = 'x-phonghop-first-page-chunks';

/** At most this many chunks are named (2 MiB: a scanned page 1); more are left to pdf.js' own requests. */
export const FIRST_PAGE_CHUNKS_MAX = 32;
