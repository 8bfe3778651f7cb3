import { findMatches, firstHitFrom, foldQuery, foldWithMap, pageHits, stepHit } from './text-match';

describe('Vietnamese-aware text search', () => {
  it('ignores case, tone marks and đ', () => {
    const text = 'Báo cáo NGÂN SÁCH tỉnh; ngân sách huyện; Đầu tư công';
    expect(findMatches(text, 'ngan sach').map((r) => text.slice(r.start, r.end))).toEqual(['NGÂN SÁCH', 'ngân sách']);
    expect(findMatches(text, 'dau tu').map((r) => text.slice(r.start, r.end))).toEqual(['Đầu tư']);
    expect(findMatches(text, 'Ngân Sách')).toHaveLength(2);
  });
  it('maps folded positions back to the original, decomposed input included', () => {
    const decomposed = 'Kê\u0301 hoa\u0323ch';
    const r = findMatches(decomposed, 'ke hoach');
    expect(r).toEqual([{ start: 0, end: decomposed.length }]);
    const { folded, map } = foldWithMap('Ấp');
    expect(folded).toBe('ap');
    expect(map).toEqual([0, 1, 2]);
  });
  it('does not overlap and ignores empty queries', () => {
    expect(findMatches('aaaa', 'aa')).toEqual([
      { start: 0, end: 2 },
      { start: 2, end: 4 },
    ]);
    expect(findMatches('abc', '   ')).toEqual([]);
    expect(foldQuery('  Ngân   sách ')).toBe('ngan sach');
  });
  it('collects hits per text item and steps through them with wrap-around', () => {
    const hits = pageHits(3, ['Dự toán ngân sách', 'năm 2027', 'ngân sách xã'], 'ngân sách');
    expect(hits.map((h) => [h.page, h.item, h.start])).toEqual([
      [3, 0, 8],
      [3, 2, 0],
    ]);
    const all = [...pageHits(1, ['ngân sách'], 'ngan sach'), ...hits];
    expect(firstHitFrom(all, 2)).toBe(1);
    expect(firstHitFrom(all, 9)).toBe(0);
    expect(firstHitFrom([], 1)).toBe(-1);
    expect(stepHit(2, 3, 1)).toBe(0);
    expect(stepHit(0, 3, -1)).toBe(2);
    expect(stepHit(0, 0, 1)).toBe(-1);
  });
});
