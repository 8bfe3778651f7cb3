import { FIRST_PAGE_CHUNKS_MAX } from '@phonghop/contracts';
import { firstPageChunksColumn, parseFirstPageChunks } from './first-page-chunks';

describe('first-page chunks column', () => {
  it('keeps each chunk once, ascending, without the first chunk, and reads back the same list', () => {
    const column = firstPageChunksColumn([20, 1, 19, 20, 0]);
    expect(column).toBe('1,19,20');
    expect(parseFirstPageChunks(column)).toEqual([1, 19, 20]);
  });

  it('names at most FIRST_PAGE_CHUNKS_MAX chunks, the ones pdf.js reaches first in the file', () => {
    const many = Array.from({ length: FIRST_PAGE_CHUNKS_MAX + 10 }, (_, i) => 100 - i);
    const kept = parseFirstPageChunks(firstPageChunksColumn(many));
    expect(kept).toHaveLength(FIRST_PAGE_CHUNKS_MAX);
    expect(kept[0]).toBe(100 - (FIRST_PAGE_CHUNKS_MAX + 9));
  });

  it('is empty when page 1 needs nothing beyond the first and last chunks, and for a missing or foreign value', () => {
    expect(firstPageChunksColumn([])).toBe('');
    expect(parseFirstPageChunks('')).toEqual([]);
    expect(parseFirstPageChunks(null)).toEqual([]);
    expect(parseFirstPageChunks('1,x')).toEqual([]);
  });
});
