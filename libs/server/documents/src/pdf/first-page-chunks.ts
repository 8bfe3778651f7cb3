import { FIRST_PAGE_CHUNKS_MAX } from '@phonghop/contracts';

/**
 * The `document_version.first_page_chunks` value for the chunks pdf.js read to draw page 1: the lowest
 * FIRST_PAGE_CHUNKS_MAX of them, ascending, comma-separated ("" when page 1 lies in the first and last chunks).
 */
export function firstPageChunksColumn(chunks: readonly number[]): string {
  return [...new Set(chunks)]
    .filter((n) => Number.isSafeInteger(n) && n > 0)
    .sort((a, b) => a - b)
    .slice(0, FIRST_PAGE_CHUNKS_MAX)
    .join(',');
}

/** The chunks a column value names (none for null, "" or anything not a list of chunk indexes). */
export function parseFirstPageChunks(column: string | null): number[] {
  if (!column || !/^\d+(,\d+)*$/.test(column)) return [];
  return column.split(',').map(Number);
}
