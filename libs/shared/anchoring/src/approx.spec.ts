import fc from 'fast-check';
import { alignPrefix, compilePattern, scanApprox } from './approx';

const params = { seed: 20261208, numRuns: 300 };

/** Textbook O(m·n) table: for every end offset, the fewest edits of the pattern to a substring ending there. */
function naiveEnds(pattern: string, text: string): number[] {
  const m = pattern.length;
  let col = Array.from({ length: m + 1 }, (_, i) => i);
  const out: number[] = [];
  for (let j = 1; j <= text.length; j++) {
    const next = [0];
    for (let i = 1; i <= m; i++) {
      const sub = (col[i - 1] ?? 0) + (pattern[i - 1] === text[j - 1] ? 0 : 1);
      next.push(Math.min(sub, (col[i] ?? 0) + 1, (next[i - 1] ?? 0) + 1));
    }
    col = next;
    out.push(col[m] ?? 0);
  }
  return out;
}

function naiveDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur.push(Math.min((prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1), (prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

// A small alphabet (with Vietnamese letters) makes matches and near-matches frequent; a large one makes most of
// the table exceed the error bound, so the scan skips blocks (the cut-off) and must still report every end.
const letters = fc.constantFrom('a', 'ă', 'â', 'ệ', 'đ', ' ', 'n', 'g');
const manyLetters = fc.constantFrom(...'aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạếềểễệ ,.0123456789'.split(''));
const word = (min: number, max: number) => fc.array(letters, { minLength: min, maxLength: max }).map((a) => a.join(''));
const longWord = (min: number, max: number) => fc.array(manyLetters, { minLength: min, maxLength: max }).map((a) => a.join(''));

describe('bit-parallel approximate search', () => {
  it('reports, at every end offset, the same edit distance as the textbook table (patterns of 1 to 140 characters, several blocks)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.tuple(word(1, 100), word(0, 160)), fc.tuple(longWord(1, 140), longWord(0, 300))),
        fc.integer({ min: 0, max: 40 }),
        ([pattern, text], k) => {
          const expected = naiveEnds(pattern, text);
          const got: [number, number][] = [];
          const steps = scanApprox(compilePattern(pattern), text, 0, text.length, k, 0, (end, d) => got.push([end, d]));
          const want = expected.flatMap((d, j) => (d <= k ? [[j + 1, d] as [number, number]] : []));
          expect(got).toEqual(want);
          expect(steps).toBeLessThanOrEqual(text.length * Math.ceil(pattern.length / 32));
        },
      ),
      params,
    );
  });

  it('skips the blocks of a long pattern that cannot be within the bound', () => {
    const pattern = 'Tổng thu ngân sách nhà nước trên địa bàn 9 tháng ước đạt 5.870 tỷ đồng, bằng 76,3% dự toán';
    const text = 'Sản xuất nông nghiệp cơ bản ổn định. '.repeat(200) + pattern.replace('5.870', '5.871');
    const hits: [number, number][] = [];
    const steps = scanApprox(compilePattern(pattern), text, 0, text.length, 22, 0, (end, d) => hits.push([end, d]));
    expect(hits.find(([, d]) => d === 1)).toEqual([text.length, 1]);
    expect(steps).toBeLessThan(text.length * 3 * 0.75);
  });

  it('scans a slice and reports only after the given offset', () => {
    const text = 'xx ngân sách yy ngân sách zz';
    const hits: number[] = [];
    scanApprox(compilePattern('ngân sách'), text, 10, text.length, 0, 14, (end) => hits.push(end));
    expect(hits).toEqual([text.lastIndexOf('ngân sách') + 'ngân sách'.length]);
  });

  it('aligns a string with the closest prefix of another (used for contexts and to find where a match starts)', () => {
    fc.assert(
      fc.property(word(0, 40), word(0, 50), (a, b) => {
        const r = alignPrefix(a, b);
        const best = Math.min(...Array.from({ length: b.length + 1 }, (_, c) => naiveDistance(a, b.slice(0, c))));
        expect(r.distance).toBe(best);
        expect(naiveDistance(a, b.slice(0, r.length))).toBe(best);
      }),
      params,
    );
    expect(alignPrefix('dự toán', 'dự  toán năm')).toMatchObject({ distance: 1, length: 8 });
  });
});
