import { MAX_DOCUMENT_BYTES, type ApiErrorBody } from '@phonghop/contracts';

/** Why a picked file is refused before any byte is sent. */
export type FileProblem = 'notPdf' | 'tooLarge' | 'empty';

export interface PickedFile {
  name: string;
  size: number;
  /** MIME type as the browser reports it; tablets often leave it empty. */
  type: string;
}

/** Client-side check; the server checks again (magic bytes, encryption, structure). */
export function checkPdfFile(file: PickedFile, maxBytes: number = MAX_DOCUMENT_BYTES): FileProblem | null {
  const named = /\.pdf$/i.test(file.name);
  const typed = file.type === 'application/pdf' || file.type === 'application/x-pdf';
  if (!named && !typed) return 'notPdf';
  if (file.type && !typed && file.type !== 'application/octet-stream') return 'notPdf';
  if (file.size <= 0) return 'empty';
  if (file.size > maxBytes) return 'tooLarge';
  return null;
}

/** A real PDF starts with `%PDF-` within its first kilobyte (the spec allows leading junk). */
export function looksLikePdf(head: Uint8Array): boolean {
  const limit = Math.min(head.length, 1024) - 5;
  for (let i = 0; i <= limit; i++) {
    if (head[i] === 0x25 && head[i + 1] === 0x50 && head[i + 2] === 0x44 && head[i + 3] === 0x46 && head[i + 4] === 0x2d) return true;
  }
  return false;
}

/** The next chunk to send as [start, end), or null when the server has everything. */
export function nextChunk(receivedBytes: number, sizeBytes: number, chunkBytes: number): { start: number; end: number } | null {
  if (chunkBytes <= 0) throw new Error('chunkBytes must be positive');
  const start = Math.max(0, Math.min(receivedBytes, sizeBytes));
  if (start >= sizeBytes) return null;
  return { start, end: Math.min(sizeBytes, start + chunkBytes) };
}

/** How many chunks a file needs, for the "chunk 3 of 12" hint. */
export function chunkCount(sizeBytes: number, chunkBytes: number): number {
  return Math.max(1, Math.ceil(sizeBytes / chunkBytes));
}

/** Whole percent, never 100 before the last byte is confirmed. */
export function uploadPercent(sentBytes: number, sizeBytes: number): number {
  if (sizeBytes <= 0) return 0;
  if (sentBytes >= sizeBytes) return 100;
  return Math.min(99, Math.max(0, Math.floor((sentBytes / sizeBytes) * 100)));
}

/**
 * Where to continue after a failed chunk: a 409 UPLOAD_OFFSET_MISMATCH carries the server's count;
 * anything else means "ask the server" (null).
 */
export function resumeOffsetFrom(error: ApiErrorBody): number | null {
  return error.code === 'UPLOAD_OFFSET_MISMATCH' && typeof error.receivedBytes === 'number' ? error.receivedBytes : null;
}

/** Network drops and server hiccups are worth retrying; validation errors are not. */
export function isRetryable(error: ApiErrorBody): boolean {
  return error.statusCode === 0 || error.statusCode === 408 || error.statusCode >= 500;
}

/** 1 s, 2 s, 4 s … capped at 15 s. */
export function retryDelayMs(attempt: number): number {
  return Math.min(15_000, 1000 * 2 ** Math.max(0, attempt));
}

/** "Bao_cao-quy IV.pdf" → "Bao cao-quy IV": a sensible default title. */
export function titleFromFileName(name: string): string {
  const base = name.replace(/\.pdf$/i, '').replace(/[_]+/g, ' ').replace(/\s+/g, ' ').trim();
  return (base || name).slice(0, 500);
}

/** 1.5 MB style sizes, in the reader's locale. */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value)} ${units[unit]}`;
}
