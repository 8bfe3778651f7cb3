import type { PDFDocumentLoadingTask } from 'pdfjs-dist';
import { FIT_WIDTH_STORAGE_KEY, PAGE_ONE_TOP, drawFirstPageEarly, dropEarlyPage, expectedFitWidth, expectedPageOnePlace, rememberFitWidth, takeEarlyPage } from './reader-early-page';
import { EARLY_SHELL_ID, showEarlyShell } from './reader-early-shell';
import { FakeDocument } from './fake-dom.testing';

function store(initial: Record<string, string> = {}) {
  const data = { ...initial };
  return { data, getItem: (k: string) => data[k] ?? null, setItem: (k: string, v: string) => void (data[k] = v) };
}

/** A loading task whose page 1 is A4 (595 × 842 points) and records how it was drawn. */
function fakeTask() {
  const renders: { width: number; transform: unknown; cancelled: boolean }[] = [];
  const page = {
    getViewport: ({ scale }: { scale: number }) => ({ width: 595 * scale, height: 842 * scale, scale }),
    render: ({ viewport, transform }: { viewport: { width: number }; transform: unknown }) => {
      const r = { width: viewport.width, transform, cancelled: false };
      renders.push(r);
      return { promise: Promise.resolve(), cancel: () => void (r.cancelled = true) };
    },
    getTextContent: () => Promise.resolve({ items: [] }),
  };
  const task = { promise: Promise.resolve({ getPage: async () => page }) } as unknown as PDFDocumentLoadingTask;
  return { task, page, renders };
}

describe('page 1 drawn before the reader exists', () => {
  const g = globalThis as Record<string, unknown>;
  beforeEach(() => {
    g['window'] = { innerWidth: 1280, devicePixelRatio: 2 };
    g['document'] = new FakeDocument();
    g['localStorage'] = store();
  });
  afterEach(() => {
    delete g['window'];
    delete g['document'];
    delete g['localStorage'];
  });

  it('expects the reader’s fit width from its layout, or from what it measured last in a window this wide', () => {
    expect(expectedFitWidth(1280, null)).toBe(1280 - 169 - 48);
    expect(expectedFitWidth(800, null)).toBe(800 - 48);
    expect(expectedFitWidth(150, null)).toBe(200);
    const s = store();
    rememberFitWidth(1280, 1000, s);
    expect(expectedFitWidth(1280, s)).toBe(1000);
    // Another window width (the tablet turned): the layout's rule again.
    expect(expectedFitWidth(800, s)).toBe(752);
    expect(expectedFitWidth(1280, store({ [FIT_WIDTH_STORAGE_KEY]: '{broken' }))).toBe(1063);
    // Nothing stored when the rule already gives it.
    const quiet = store();
    rememberFitWidth(1280, 1063, quiet);
    expect(quiet.data).toEqual({});
  });

  it('expects page 1’s box where the reader’s layout puts it, or where it was last in a window this wide', () => {
    expect(expectedPageOnePlace(1280, null)).toEqual({ left: 169 + 24, top: PAGE_ONE_TOP, width: 1063 });
    expect(expectedPageOnePlace(820, null)).toEqual({ left: 24, top: PAGE_ONE_TOP, width: 772 });
    const s = store();
    rememberFitWidth(1280, 1000, s, { left: 201.4, top: 190 });
    expect(expectedPageOnePlace(1280, s)).toEqual({ left: 201, top: 190, width: 1000 });
    expect(expectedPageOnePlace(820, s)).toEqual({ left: 24, top: PAGE_ONE_TOP, width: 772 });
    // Scrolled (no place given): the width is kept, the place is the layout's.
    const t = store();
    rememberFitWidth(1280, 1000, t);
    expect(expectedPageOnePlace(1280, t)).toEqual({ left: 193, top: PAGE_ONE_TOP, width: 1000 });
    // Nothing stored when the rule already gives it all.
    const quiet = store();
    rememberFitWidth(1280, 1063, quiet, { left: 193, top: PAGE_ONE_TOP });
    expect(quiet.data).toEqual({});
  });

  it('shows page 1 before the app: the server’s image, then pdf.js’ canvas, which the reader takes out of the box', async () => {
    const doc = g['document'] as FakeDocument;
    showEarlyShell('/api/documents/d1/preview', expectedPageOnePlace(1280, null));
    const box = doc.getElementById(EARLY_SHELL_ID);
    expect(box?.style.cssText).toContain('left:193px;top:143px;width:1063px');
    expect(box?.attributes).toEqual({ 'aria-hidden': 'true' });
    const image = box?.children[0];
    expect(image).toMatchObject({ tag: 'img', src: '/api/documents/d1/preview' });
    // Not marked as on screen until the image is in.
    expect(box?.dataset).toEqual({});
    image?.listeners['load']();
    expect(box?.dataset).toEqual({ testid: 'reader-page-1', drawn: 'preview' });

    const { task } = fakeTask();
    await drawFirstPageEarly(Promise.resolve(task));
    const canvas = box?.children[0];
    expect(canvas).toMatchObject({ tag: 'canvas', width: 2126 });
    expect(canvas?.style.props).toEqual({ width: '1063px', height: `${(842 * 1063) / 595}px` });
    expect(box?.dataset).toEqual({ testid: 'reader-page-1', drawn: 'pdf' });

    const early = await takeEarlyPage(task);
    expect(early?.canvas).toBe(canvas);
    // The box is gone; the canvas is the reader's to place, sized by its own styles.
    expect(doc.getElementById(EARLY_SHELL_ID)).toBeNull();
    expect(canvas?.style.props).toEqual({});
  });

  it('takes the box away when page 1 drawn early is not wanted', () => {
    const doc = g['document'] as FakeDocument;
    showEarlyShell('/api/documents/d1/preview', expectedPageOnePlace(1280, null));
    expect(doc.getElementById(EARLY_SHELL_ID)).not.toBeNull();
    dropEarlyPage();
    expect(doc.getElementById(EARLY_SHELL_ID)).toBeNull();
  });

  it('draws page 1 at the expected fit width and hands it to the reader of the same loading task, once', async () => {
    const { task, page, renders } = fakeTask();
    drawFirstPageEarly(Promise.resolve(task));
    const early = await takeEarlyPage(task);
    expect(early).toMatchObject({ task, page, scale: 1063 / 595, ratio: 2 });
    expect(early?.canvas).toMatchObject({ width: 2126, className: 'ph-reader-canvas' });
    expect(renders).toEqual([{ width: 1063, transform: [2, 0, 0, 2, 0, 0], cancelled: false }]);
    await expect(early?.text).resolves.toEqual({ items: [] });
    await expect(takeEarlyPage(task)).resolves.toBeNull();
  });

  it('gives nothing to the reader of another loading task, and nothing when none was started', async () => {
    const { task } = fakeTask();
    const other = fakeTask().task;
    await expect(takeEarlyPage(task)).resolves.toBeNull();
    drawFirstPageEarly(Promise.resolve(task));
    await expect(takeEarlyPage(other)).resolves.toBeNull();
    // Dropped: the reader of the first task no longer finds it either.
    await expect(takeEarlyPage(task)).resolves.toBeNull();
  });

  it('gives nothing when pdf.js could not open the file', async () => {
    const { task } = fakeTask();
    drawFirstPageEarly(Promise.resolve(null));
    await expect(takeEarlyPage(task)).resolves.toBeNull();
  });
});
