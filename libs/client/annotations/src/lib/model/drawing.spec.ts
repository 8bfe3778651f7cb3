import type { AnnotationDto } from '@phonghop/contracts';
import type { ViewItem } from './annotation-state';
import { addPoint, arrowPath, boundsOf, boxOf, hasPressure, outlinePath, pagePoint, shapePath, strokePath } from './geometry';
import { NO_PEN, PEN_RECENT_MS, roleOf } from './pointer-policy';
import { NOTE_SIZE, renderItem } from './render';
import { mergeLines, pageRects, quoteOf } from './text-anchor';

const A4 = 842 / 595;

describe('page coordinates', () => {
  it('normalises pointer positions to the page, with pressure only from a pen', () => {
    const box = { left: 100, top: 50, width: 600, height: 849 };
    expect(pagePoint(400, 50 + 849 / 2, box)).toEqual([0.5, 0.5]);
    expect(pagePoint(100, 50, box, 0.734)).toEqual([0, 0, 0.73]);
    // Far off the page: kept within what the server accepts.
    expect(pagePoint(-5000, 5000, box)).toEqual([-0.5, 1.5]);
  });

  it('skips points closer than the minimum distance, measured in page widths', () => {
    const pts = [[0.1, 0.1]];
    expect(addPoint(pts, [0.1005, 0.1], A4)).toBe(false);
    expect(addPoint(pts, [0.1, 0.1012], A4)).toBe(true);
    expect(pts).toHaveLength(2);
  });

  it('draws strokes at any zoom from a 1000-wide view box', () => {
    expect(strokePath([[0.1, 0.2], [0.3, 0.4]], 1.5)).toBe('M100 300L300 600');
    expect(strokePath([[0.5, 0.5]], 1)).toBe('M500 500h0.1');
    expect(hasPressure([[0.1, 0.1, 0.5], [0.2, 0.2]])).toBe(true);
    expect(hasPressure([[0.1, 0.1]])).toBe(false);
    const outline = outlinePath([[0.1, 0.1, 0.5], [0.2, 0.1, 1]], 0.004, 1);
    // Pressure 0.5 gives the nominal width (4 units), full pressure a wider end.
    expect(outline.startsWith('M100 102L200 103.3A3.3 3.3 0 0 0 200 96.7L100 98A2 2 0 0 0 100 102Z')).toBe(true);
  });

  it('makes boxes, arrows and bounds', () => {
    expect(boxOf([0.6, 0.5], [0.2, 0.7])).toEqual({ x: 0.2, y: 0.5, w: 0.4, h: 0.2 });
    expect(arrowPath([0, 0], [0.1, 0], 1)).toBe('M0 0L100 0M76 13.2L100 0L76 -13.2');
    expect(boundsOf({ page: 1, strokes: [{ width: 0.003, points: [[0.2, 0.3], [0.4, 0.1]] }] })).toEqual({ x: 0.2, y: 0.1, w: 0.2, h: 0.19999999999999998 });
    expect(boundsOf({ page: 1 })).toBeNull();
    expect(shapePath('rect', [0.3, 0.2], [0.1, 0.1], 1)).toBe('M100 100h200v100h-200Z');
    expect(shapePath('ellipse', [0.1, 0.1], [0.3, 0.2], 1)).toBe('M100 150a100 50 0 1 0 200 0a100 50 0 1 0 -200 0Z');
    expect(shapePath('arrow', [0, 0], [0.1, 0], 1)).toBe(arrowPath([0, 0], [0.1, 0], 1));
  });
});

describe('palm rejection', () => {
  const finger = { pointerType: 'touch', width: 12, height: 14 };
  it('lets a pen and a mouse draw, and a finger when no pen is in use', () => {
    expect(roleOf({ pointerType: 'pen', width: 1, height: 1 }, NO_PEN, 0, 2)).toBe('draw');
    expect(roleOf({ pointerType: 'mouse', width: 1, height: 1 }, NO_PEN, 0, 0)).toBe('draw');
    expect(roleOf(finger, NO_PEN, 0, 0)).toBe('draw');
  });
  it('ignores a palm and any touch while the pen is down; fingers scroll shortly after the pen, or as a second finger', () => {
    expect(roleOf({ pointerType: 'touch', width: 60, height: 30 }, NO_PEN, 0, 0)).toBe('ignore');
    expect(roleOf(finger, { penDown: true, lastPenAt: 1000 }, 1000, 0)).toBe('ignore');
    expect(roleOf(finger, { penDown: false, lastPenAt: 1000 }, 1000 + PEN_RECENT_MS - 1, 0)).toBe('pan');
    expect(roleOf(finger, { penDown: false, lastPenAt: 1000 }, 1000 + PEN_RECENT_MS, 0)).toBe('draw');
    expect(roleOf(finger, NO_PEN, 0, 1)).toBe('pan');
  });
});

describe('highlight anchors', () => {
  const text = 'Tờ trình dự toán ngân sách năm 2027Tổng thu ngân sách địa phương đạt 102% dự toán.';
  it('quotes the selection with up to 32 characters of context on each side', () => {
    const start = text.indexOf('Tổng thu');
    const q = quoteOf(text, start, start + 'Tổng thu ngân sách'.length);
    expect(q).toEqual({ exact: 'Tổng thu ngân sách', prefix: text.slice(start - 32, start), suffix: ' địa phương đạt 102% dự toán.', start, end: start + 18 });
    expect(quoteOf(text, 0, 3)?.prefix).toBe('');
    expect(quoteOf(text, 8, 3)?.exact).toBe('trình');
    expect(quoteOf(text, 8, 9)).toBeNull();
  });

  it('turns selection rectangles into one page box per line', () => {
    const page = { left: 100, top: 0, width: 500, height: 700 };
    const rects = pageRects(
      [
        { left: 150, top: 70, width: 100, height: 14 },
        { left: 250, top: 71, width: 50, height: 13 },
        { left: 150, top: 91, width: 200, height: 14 },
        { left: 150, top: 91, width: 0, height: 14 },
      ],
      page,
    );
    expect(rects).toEqual([
      { x: 0.1, y: 0.1, w: 0.3, h: 0.02 },
      { x: 0.1, y: 0.13, w: 0.4, h: 0.02 },
    ]);
    expect(mergeLines([{ x: 0.1, y: 0.1, w: 0.1, h: 0.02 }, { x: 0.5, y: 0.1, w: 0.1, h: 0.02 }])).toHaveLength(2);
  });
});

describe('rendering', () => {
  const base: AnnotationDto = {
    id: 'a',
    documentId: 'd',
    version: 1,
    ownerId: 'u2',
    ownerName: 'Trần Văn Bình',
    kind: 'shape',
    target: { page: 1, shape: 'ellipse', at: { x: 0.1, y: 0.1, w: 0.2, h: 0.1 } },
    color: '#1565c0',
    body: '',
    visibility: 'meeting',
    sharedWith: [],
    revision: 1,
    conflictOf: null,
    anchoring: null,
    createdAt: '',
    updatedAt: '',
  };
  const item = (over: Partial<ViewItem>): ViewItem => ({ ...base, mine: false, pending: false, ...over });

  it("draws shapes, notes and highlights in view units, with someone else's name above", () => {
    const ellipse = renderItem(item({}), 1);
    expect(ellipse.ellipse).toEqual({ cx: 200, cy: 150, rx: 100, ry: 50 });
    expect(ellipse).toMatchObject({ shared: true, mine: false, label: { x: 100, y: 94 } });
    const note = renderItem(item({ kind: 'note', target: { page: 1, at: { x: 0.5, y: 0.5, w: 0, h: 0 } } }), 2);
    expect(note.note).toEqual({ x: 500, y: 1000 });
    expect(note.hit).toEqual({ x: 484, y: 984, w: NOTE_SIZE + 32, h: NOTE_SIZE + 32 });
    const hl = renderItem(item({ kind: 'highlight', target: { page: 1, rects: [{ x: 0.1, y: 0.1, w: 0.3, h: 0.02 }] } }), 1);
    expect(hl.rects).toEqual([{ x: 100, y: 100, w: 300, h: 20 }]);
    const arrow = renderItem(item({ target: { page: 1, shape: 'arrow', at: { x: 0, y: 0, w: 0.1, h: 0 }, strokes: [{ width: 0.004, points: [[0, 0], [0.1, 0]] }] } }), 1);
    expect(arrow.paths).toEqual([{ d: 'M0 0L100 0M76 13.2L100 0L76 -13.2', filled: false, width: 4 }]);
    expect(arrow.strokeWidth).toBe(4);
  });

  it('draws ink with pen pressure as a filled outline, otherwise as a stroke', () => {
    const ink = renderItem(
      item({ kind: 'ink', mine: true, target: { page: 1, strokes: [{ width: 0.004, points: [[0.1, 0.1, 0.5], [0.2, 0.1, 0.5]] }, { width: 0.004, points: [[0.1, 0.1], [0.2, 0.1]] }] } }),
      1,
    );
    expect(ink.paths.map((p) => [p.filled, p.width])).toEqual([
      [true, 4],
      [false, 4],
    ]);
  });
});
