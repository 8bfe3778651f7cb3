import type { AnnotationDto } from '@phonghop/contracts';
import { findQuote, isOrphan, needsCheck, needsTextPlacement, rectsFromText, shortQuote, splitPlaced, type Placement, type TextSegment } from './anchoring';

const dto = (id: string, over: Partial<AnnotationDto> = {}): AnnotationDto => ({
  id,
  documentId: 'd1',
  version: 2,
  ownerId: 'u1',
  ownerName: 'Lê Hoàng Nam',
  kind: 'ink',
  target: { page: 2, strokes: [{ points: [[0.1, 0.1], [0.2, 0.2]], width: 0.004 }] },
  color: '#d32f2f',
  body: '',
  visibility: 'private',
  sharedWith: [],
  revision: 1,
  conflictOf: null,
  anchoring: null,
  createdAt: '2026-12-01T08:00:00.000Z',
  updatedAt: '2026-12-01T08:00:00.000Z',
  ...over,
});
const carried = (status: NonNullable<AnnotationDto['anchoring']>['status']) => ({ fromVersion: 1, status, oldPage: 3 });
const text = (exact: string, start: number) => ({ exact, prefix: '', suffix: '', start, end: start + exact.length });

/**
 * A fake text layer: each segment is one line of text at `top`, 10 px per character from `left`, 20 px high, on a
 * 1000 × 1000 page box at (0, 0).
 */
function layer(lines: { text: string; left: number; top: number }[]): TextSegment[] {
  return lines.map((l) => ({
    text: l.text,
    rects: (from: number, to: number) => [{ left: l.left + from * 10, top: l.top, width: (to - from) * 10, height: 20 }],
  }));
}
const PAGE = { left: 0, top: 0, width: 1000, height: 1000 };

describe('carried annotations', () => {
  it('tells orphans, close matches and highlights to place from their text', () => {
    expect(isOrphan(dto('a', { anchoring: carried('orphan') }))).toBe(true);
    expect(isOrphan(dto('a', { anchoring: carried('exact') }))).toBe(false);
    expect(isOrphan(dto('a'))).toBe(false);
    expect(needsCheck(dto('a', { anchoring: carried('fuzzy') }))).toBe(true);
    expect(needsCheck(dto('a', { anchoring: carried('similar') }))).toBe(true);
    expect(needsCheck(dto('a', { anchoring: carried('moved') }))).toBe(false);
    expect(needsCheck(dto('a', { anchoring: carried('orphan') }))).toBe(false);
    const moved = dto('h', { kind: 'highlight', target: { page: 1, text: text('Điều 5', 10), rects: [] }, anchoring: carried('moved') });
    expect(needsTextPlacement(moved)).toBe(true);
    expect(needsTextPlacement({ ...moved, target: { ...moved.target, rects: [{ x: 0, y: 0, w: 0.1, h: 0.01 }] } })).toBe(false);
    expect(needsTextPlacement({ ...moved, anchoring: carried('orphan') })).toBe(false);
    expect(needsTextPlacement({ ...moved, target: { page: 1, rects: [] } })).toBe(false);
  });

  it('splits orphans from placed annotations and places highlights from their found boxes', () => {
    const ink = dto('ink');
    const orphan = dto('orphan', { kind: 'highlight', target: { page: 3, text: text('gone', 0), rects: [{ x: 0.1, y: 0.1, w: 0.2, h: 0.02 }] }, anchoring: carried('orphan') });
    const found = dto('found', { kind: 'highlight', revision: 2, target: { page: 1, text: text('here', 0), rects: [] }, anchoring: carried('moved') });
    const missing = dto('missing', { kind: 'highlight', target: { page: 1, text: text('nowhere', 0) }, anchoring: carried('moved') });
    const waiting = dto('waiting', { kind: 'highlight', target: { page: 4, text: text('later', 0), rects: [] }, anchoring: carried('moved') });
    const stale = dto('stale', { kind: 'highlight', revision: 3, target: { page: 1, text: text('old', 0), rects: [] }, anchoring: carried('moved') });
    const rects = [{ x: 0.1, y: 0.2, w: 0.3, h: 0.02 }];
    const placements = new Map<string, Placement>([
      ['found', { revision: 2, rects }],
      ['missing', { revision: 1, rects: null }],
      ['stale', { revision: 2, rects }],
    ]);
    const { placed, orphans } = splitPlaced([ink, orphan, found, missing, waiting, stale], placements);
    expect(placed.map((a) => a.id)).toEqual(['ink', 'found']);
    expect(placed[1].target.rects).toEqual(rects);
    expect(found.target.rects).toEqual([]);
    expect(orphans.map((a) => a.id)).toEqual(['orphan', 'missing']);
  });

  it('shortens long quotes on a word', () => {
    expect(shortQuote('  Điều 5.\n  Hiệu lực  ')).toBe('Điều 5. Hiệu lực');
    const long = 'Nghị quyết này có hiệu lực kể từ ngày ký và được áp dụng cho toàn bộ các đơn vị trực thuộc trên địa bàn tỉnh';
    const short = shortQuote(long, 40);
    expect(short.endsWith('…')).toBe(true);
    expect(short.length).toBeLessThanOrEqual(41);
    expect(long.startsWith(short.slice(0, -1))).toBe(true);
  });
});

describe('finding a quote in the page text', () => {
  const page = 'Điều 1. Phạm vi. Điều 2. Đối tượng. Điều 1. Phạm vi.';

  it('takes the server offsets when the text there is the quote', () => {
    expect(findQuote(page, text('Điều 2', 17))).toEqual({ start: 17, end: 23 });
  });

  it('else the occurrence nearest the server offsets', () => {
    expect(findQuote(page, { exact: 'Điều 1', start: 40, end: 46 })).toEqual({ start: 36, end: 42 });
    expect(findQuote(page, { exact: 'Điều 1', start: 3, end: 9 })).toEqual({ start: 0, end: 6 });
  });

  it('else ignoring white space (pdf.js joins lines without a space, the server with a new line)', () => {
    const pdfText = 'Hội đồng nhân dântỉnh thông qua';
    expect(findQuote(pdfText, { exact: 'dân\ntỉnh thông', start: 12, end: 25 })).toEqual({ start: 14, end: 27 });
    expect(findQuote(pdfText, { exact: 'không có', start: 0, end: 8 })).toBeNull();
    expect(findQuote(pdfText, { exact: '   ', start: 0, end: 3 })).toBeNull();
  });
});

describe('boxes of a quote on a fake text layer', () => {
  const segments = layer([
    { text: 'Điều 3. Trách nhiệm ', left: 100, top: 100 },
    { text: 'thi hành nghị quyết.', left: 100, top: 130 },
    { text: 'Điều 4. Hiệu lực.', left: 100, top: 200 },
  ]);

  it('one box per line the quote covers, normalised to the page', () => {
    // "nhiệm thi hành": from offset 14 of line 1 to offset 8 of line 2.
    const rects = rectsFromText(segments, text('nhiệm thi hành', 14), PAGE);
    expect(rects).toEqual([
      { x: 0.24, y: 0.1, w: 0.06, h: 0.02 },
      { x: 0.1, y: 0.13, w: 0.08, h: 0.02 },
    ]);
  });

  it('finds the quote when the server offsets are off', () => {
    const rects = rectsFromText(segments, { exact: 'Hiệu lực', start: 30, end: 38 }, PAGE);
    expect(rects).toEqual([{ x: 0.18, y: 0.2, w: 0.08, h: 0.02 }]);
  });

  it('null when the quote is not on the page', () => {
    expect(rectsFromText(segments, text('Điều 9. Bãi bỏ', 40), PAGE)).toBeNull();
    expect(rectsFromText([], text('Điều 3', 0), PAGE)).toBeNull();
  });
});
