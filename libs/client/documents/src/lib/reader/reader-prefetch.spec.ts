import type { DocumentDto } from '@phonghop/contracts';
import { of, throwError } from 'rxjs';
import { rememberLastPage } from './last-page';
import { FakeDocument } from './fake-dom.testing';
import { EARLY_SHELL_ID } from './reader-early-shell';
import { HOLD_START_FOR_PAGE_ONE_MS, PREFETCH_FRESH_MS, openCurrentEarly, opensAtFirstPage, prepareReader, readerDocument, showsAtUsualPlace, takeEarlyOpen, takePrefetchedDocument, type DocumentSource } from './reader-prefetch';

/** Loading tasks openPdf made: what each was opened with and whether it was let go of. */
const mockOpened: { url: string; head: unknown; destroyed: boolean }[] = [];
/** The document pdf.js opens (a loading task's `promise`): settled by a spec when it wants pdf.js done. */
const mockDocument: { fail: (e: Error) => void } = { fail: () => undefined };
jest.mock('./pdf-loader', () => ({
  loadPdfJs: () => Promise.resolve({}),
  openPdf: async (source: { url: string; head: Promise<unknown> }) => {
    const promise = new Promise((_, reject) => (mockDocument.fail = reject));
    promise.catch(() => undefined);
    const task = { url: source.url, head: await source.head, promise, destroyed: false, destroy: () => void (task.destroyed = true) };
    mockOpened.push(task);
    return task;
  },
}));
// Angular's HTTP layer does not load in these node specs: errors here already carry the API's status code.
jest.mock('@phonghop/client-data-access', () => ({ toApiError: (e: unknown) => e }));

const doc = (id: string) => ({ id, title: id }) as unknown as DocumentDto;

function answer(status: number, body: unknown): jest.Mock {
  const fn = jest.fn(async () => ({ ok: status >= 200 && status < 300, status, json: async () => body }));
  (globalThis as { fetch: unknown }).fetch = fn;
  return fn;
}

function api(get: () => ReturnType<DocumentSource['get']>, list: DocumentDto[] = []): DocumentSource & { gets: number } {
  const source = { gets: 0, get: () => (source.gets++, get()), list: () => of(list) };
  return source;
}

describe('reader prefetch', () => {
  it('asks for the metadata once at start and hands it to the reader once', async () => {
    const fetch = answer(200, doc('d1'));
    prepareReader('d1', {}, 1000);
    expect(fetch).toHaveBeenCalledWith('/api/documents/d1', expect.objectContaining({ credentials: 'same-origin' }));
    await expect(takePrefetchedDocument('d1', 1500)).resolves.toEqual(doc('d1'));
    expect(takePrefetchedDocument('d1', 1600)).toBeNull();
  });

  it('takes the metadata request the app started itself', async () => {
    const fetch = answer(500, {});
    prepareReader('d1', { metadata: Promise.resolve({ ok: true, json: async () => doc('d1') } as Response) });
    expect(fetch).not.toHaveBeenCalled();
    await expect(takePrefetchedDocument('d1')).resolves.toEqual(doc('d1'));
  });

  it('an answer that is not JSON (a proxy error page) counts as no answer', async () => {
    prepareReader('d1', { metadata: Promise.resolve({ ok: true, json: async () => JSON.parse('<html>') } as Response) });
    const source = api(() => of(doc('d1')));
    await expect(readerDocument(source, 'm', 'd1')).resolves.toEqual(doc('d1'));
    expect(source.gets).toBe(1);
  });

  it('is not used for another document, nor once stale; with no page 1 to draw early it settles at once', async () => {
    answer(200, doc('d1'));
    // Settled at once: the realtime socket, held until page 1 is drawn, and the app need not wait (no page to draw here).
    const prepared = prepareReader('d1', {}, 0);
    await expect(prepared.drawn).resolves.toBeUndefined();
    await expect(prepared.appMayStart).resolves.toBeUndefined();
    expect(takePrefetchedDocument('d2', 10)).toBeNull();
    expect(takePrefetchedDocument('d1', PREFETCH_FRESH_MS + 1)).toBeNull();
  });

  it('the reader uses the early answer without asking again', async () => {
    answer(200, doc('d1'));
    prepareReader('d1');
    const source = api(() => of(doc('other')));
    await expect(readerDocument(source, 'm', 'd1')).resolves.toEqual(doc('d1'));
    expect(source.gets).toBe(0);
  });

  it('a failed early answer (signed out, refused) falls back to the API and its rules', async () => {
    answer(401, {});
    prepareReader('d1');
    const source = api(() => throwError(() => ({ statusCode: 403 })));
    await expect(readerDocument(source, 'm', 'd1')).resolves.toBeNull();
    expect(source.gets).toBe(1);
  });

  it('offline, the meeting list answers', async () => {
    const source = api(() => throwError(() => ({ statusCode: 0 })), [doc('d0'), doc('d1')]);
    await expect(readerDocument(source, 'm', 'd1')).resolves.toEqual(doc('d1'));
  });

  it('knows, as the reader does, when a document opens at page 1 (and its image is worth fetching early)', () => {
    const data = new Map<string, string>();
    const store = { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
    expect(opensAtFirstPage('', store, 'd1')).toBe(true);
    expect(opensAtFirstPage('?page=1', store, 'd1')).toBe(true);
    expect(opensAtFirstPage('?page=4', store, 'd1')).toBe(false);
    expect(opensAtFirstPage('?v=2', store, 'd1')).toBe(false);
    expect(opensAtFirstPage('?q=ng%C3%A2n', null, 'd1')).toBe(true);
    rememberLastPage(store, 'd1', 7, 1);
    expect(opensAtFirstPage('', store, 'd1')).toBe(false);
    expect(opensAtFirstPage('?page=1', store, 'd1')).toBe(true);
    expect(opensAtFirstPage('', store, 'd2')).toBe(true);
  });
});

describe('pdf.js loading the current version early', () => {
  const g = globalThis as { document?: unknown };
  /** The current-version route's two answers for version `v` of a 200 000-byte file. */
  const answers = (v: number, status = 206) => {
    const res = (range: string) =>
      Promise.resolve({
        status,
        headers: { get: (h: string) => ({ 'x-phonghop-version': String(v), etag: `"s${v}"`, 'content-range': range })[h] ?? null },
        arrayBuffer: async () => new ArrayBuffer(65536),
        body: null,
      } as unknown as Response);
    return { first: res('bytes 0-65535/200000'), last: res('bytes 134464-199999/200000') };
  };
  beforeEach(() => {
    g.document = { baseURI: 'http://hall/', getElementById: () => null };
    // The 10 s after which an early loading nobody took is let go of.
    jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] });
  });
  afterEach(() => {
    delete g.document;
    jest.clearAllTimers();
    jest.useRealTimers();
  });

  it('is taken by the reader for the version the server named, at that version’s own address', async () => {
    openCurrentEarly('d1', answers(3));
    const task = (await takeEarlyOpen('http://hall/api/documents/d1/versions/3/file')) as unknown as { url: string; head: { url: string; length: number } };
    expect(task.url).toBe('http://hall/api/documents/d1/versions/3/file');
    expect(task.head).toMatchObject({ url: 'http://hall/api/documents/d1/versions/3/file', length: 200_000 });
    // Taken once only.
    await expect(takeEarlyOpen('http://hall/api/documents/d1/versions/3/file')).resolves.toBeNull();
  });

  it('is let go of when the reader chose another version (a newer one, or its copy on the tablet)', async () => {
    mockOpened.length = 0;
    openCurrentEarly('d1', answers(3));
    // Already under way for this document: not started twice.
    openCurrentEarly('d1', answers(4));
    await expect(takeEarlyOpen('http://hall/api/documents/d1/versions/4/file')).resolves.toBeNull();
    expect(mockOpened).toHaveLength(1);
    expect(mockOpened[0]).toMatchObject({ url: 'http://hall/api/documents/d1/versions/3/file', destroyed: true });
    openCurrentEarly('d1', answers(5));
    await expect(takeEarlyOpen(null)).resolves.toBeNull();
    expect(mockOpened[1]).toMatchObject({ url: 'http://hall/api/documents/d1/versions/5/file', destroyed: true });
  });

  it('is let go of when nobody takes it in time', async () => {
    mockOpened.length = 0;
    openCurrentEarly('d3', answers(2));
    await jest.advanceTimersByTimeAsync(PREFETCH_FRESH_MS);
    expect(mockOpened[0]).toMatchObject({ url: 'http://hall/api/documents/d3/versions/2/file', destroyed: true });
    await expect(takeEarlyOpen('http://hall/api/documents/d3/versions/2/file')).resolves.toBeNull();
  });

  it('leaves it to the reader when the route refuses', async () => {
    openCurrentEarly('d2', answers(1, 404));
    await expect(takeEarlyOpen('http://hall/api/documents/d2/versions/1/file')).resolves.toBeNull();
  });
});

describe('page 1 before the app starts, only where the reader puts it', () => {
  const g = globalThis as { document?: unknown; caches?: unknown };
  const saved: string[] = [];
  const current = (over: Partial<DocumentDto> = {}, signatures: unknown = null) =>
    ({ id: 'd1', access: 'participants', current: { version: 2, signatures }, ...over }) as unknown as DocumentDto;
  beforeEach(() => {
    g.document = { baseURI: 'http://hall/' };
    g.caches = {
      // Cache Storage's match with ignoreSearch: any user's saved copy (`?u=…`) of that address.
      match: async (url: string, options: { ignoreSearch?: boolean }) => saved.find((k) => (options.ignoreSearch ? k.split('?')[0] : k) === url),
    };
  });
  afterEach(() => {
    delete g.document;
    delete g.caches;
    saved.length = 0;
  });

  it('is shown for a document with nothing above its pages, not when it is confidential, signed or saved on the tablet', async () => {
    await expect(showsAtUsualPlace(current())).resolves.toBe(true);
    await expect(showsAtUsualPlace(current({ access: 'confidential' } as Partial<DocumentDto>))).resolves.toBe(false);
    await expect(showsAtUsualPlace(current({}, { count: 1 }))).resolves.toBe(false);
    // Another version's copy does not count: the reader reads the current one from the network.
    saved.push('http://hall/api/documents/d1/versions/1/file?u=u1');
    await expect(showsAtUsualPlace(current())).resolves.toBe(true);
    saved.push('http://hall/api/documents/d1/versions/2/file?u=u1');
    await expect(showsAtUsualPlace(current())).resolves.toBe(false);
  });
});

describe('the app’s start on a link straight to a document', () => {
  const g = globalThis as Record<string, unknown>;
  const saved: Record<string, PropertyDescriptor | undefined> = {};
  const head = () => {
    const res = Promise.resolve({
      status: 206,
      headers: { get: (h: string) => ({ 'x-phonghop-version': '2', etag: '"s2"', 'content-range': 'bytes 0-65535/200000' })[h] ?? null },
      arrayBuffer: async () => new ArrayBuffer(65536),
      body: null,
    } as unknown as Response);
    return { first: res, last: res };
  };
  const metadata = (d: unknown) => Promise.resolve({ ok: true, json: async () => d } as Response);
  const plain = { id: 'd9', access: 'participants', current: { version: 2, signatures: null } };
  beforeEach(() => {
    for (const k of ['document', 'window', 'location', 'localStorage', 'navigator']) saved[k] = Object.getOwnPropertyDescriptor(globalThis, k);
    const define = (k: string, value: unknown) => Object.defineProperty(globalThis, k, { value, configurable: true, writable: true });
    define('document', new FakeDocument());
    define('window', { innerWidth: 1280, devicePixelRatio: 1 });
    define('location', { search: '' });
    define('localStorage', { getItem: () => null, setItem: () => undefined });
    define('navigator', { onLine: true });
    jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] });
  });
  afterEach(async () => {
    await takeEarlyOpen(null);
    jest.clearAllTimers();
    jest.useRealTimers();
    for (const [k, d] of Object.entries(saved)) {
      if (d) Object.defineProperty(globalThis, k, d);
      else delete g[k];
    }
  });

  it('waits for page 1 in its box once the metadata says the reader puts it there', async () => {
    const prepared = prepareReader('d9', { metadata: metadata(plain), head: head() });
    await jest.advanceTimersByTimeAsync(0);
    const box = (g['document'] as FakeDocument).getElementById(EARLY_SHELL_ID);
    expect(box?.children[0]).toMatchObject({ tag: 'img', src: '/api/documents/d9/preview' });
    let started = false;
    void prepared.appMayStart.then(() => (started = true));
    await jest.advanceTimersByTimeAsync(HOLD_START_FOR_PAGE_ONE_MS / 2);
    expect(started).toBe(false);
    // pdf.js is done (here it failed, so page 1 will not be drawn early): the app starts now, not at the cap.
    mockDocument.fail(new Error('broken PDF'));
    await jest.advanceTimersByTimeAsync(0);
    expect(started).toBe(true);
  });

  it('starts the app after HOLD_START_FOR_PAGE_ONE_MS when the metadata is slow, and then shows no box', async () => {
    let answer: (r: Response) => void = () => undefined;
    const prepared = prepareReader('d9', { metadata: new Promise<Response>((resolve) => (answer = resolve)), head: head() });
    let started = false;
    void prepared.appMayStart.then(() => (started = true));
    await jest.advanceTimersByTimeAsync(HOLD_START_FOR_PAGE_ONE_MS - 1);
    expect(started).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(started).toBe(true);
    // The reader shows page 1 itself by now: a late answer puts nothing over it.
    answer({ ok: true, json: async () => plain } as Response);
    await jest.advanceTimersByTimeAsync(0);
    expect((g['document'] as FakeDocument).getElementById(EARLY_SHELL_ID)).toBeNull();
  });

  it('does not wait for a confidential document: its notice moves page 1', async () => {
    const prepared = prepareReader('d9', { metadata: metadata({ ...plain, access: 'confidential' }), head: head() });
    await expect(prepared.appMayStart).resolves.toBeUndefined();
    expect((g['document'] as FakeDocument).getElementById(EARLY_SHELL_ID)).toBeNull();
  });
});
