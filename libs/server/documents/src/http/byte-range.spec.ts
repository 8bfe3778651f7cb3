import { contentDisposition, etagMatches, parseByteRange } from './byte-range';

describe('parseByteRange', () => {
  it('reads open, closed and suffix ranges', () => {
    expect(parseByteRange('bytes=0-1023', 5000)).toEqual({ kind: 'partial', start: 0, end: 1023 });
    expect(parseByteRange('bytes=4000-', 5000)).toEqual({ kind: 'partial', start: 4000, end: 4999 });
    expect(parseByteRange('bytes=-100', 5000)).toEqual({ kind: 'partial', start: 4900, end: 4999 });
    expect(parseByteRange('bytes=4000-99999', 5000)).toEqual({ kind: 'partial', start: 4000, end: 4999 });
  });

  it('refuses ranges outside the file', () => {
    expect(parseByteRange('bytes=5000-', 5000)).toEqual({ kind: 'unsatisfiable' });
    expect(parseByteRange('bytes=10-5', 5000)).toEqual({ kind: 'unsatisfiable' });
    expect(parseByteRange('bytes=-0', 5000)).toEqual({ kind: 'unsatisfiable' });
  });

  it('serves the whole file for no, multiple or unknown ranges', () => {
    expect(parseByteRange(undefined, 10)).toEqual({ kind: 'full' });
    expect(parseByteRange('bytes=0-1,5-6', 10)).toEqual({ kind: 'full' });
    expect(parseByteRange('items=0-1', 10)).toEqual({ kind: 'full' });
  });
});

describe('etagMatches', () => {
  it('matches listed, weak and star tags', () => {
    expect(etagMatches('"a", "b"', '"b"')).toBe(true);
    expect(etagMatches('W/"b"', '"b"')).toBe(true);
    expect(etagMatches('*', '"b"')).toBe(true);
    expect(etagMatches('"c"', '"b"')).toBe(false);
  });
});

describe('contentDisposition', () => {
  it('encodes Vietnamese file names', () => {
    const h = contentDisposition('Báo cáo (quý IV).pdf');
    expect(h).toContain(`filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20%28qu%C3%BD%20IV%29.pdf`);
    expect(h).toContain('filename="Bao cao (quy IV).pdf"');
  });
});
