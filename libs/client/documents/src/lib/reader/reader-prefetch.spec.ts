import type { DocumentDto } from '@phonghop/contracts';
import { of, throwError } from 'rxjs';
import { rememberLastPage } from './last-page';
import { PREFETCH_FRESH_MS, openCurrentEarly, opensAtFirstPage, prepareReader, readerDocument, showsAtUsualPlace, takeEarlyOpen, takePrefetchedDocument, type DocumentSource } from './reader-prefetch';

/** Loading tasks openPdf made: what each was opened with and whether it was let go of. */
const mockOpened: { url: string; head: unknown; destroyed: boolean }[] = [];
jest.mock('./pdf-loader', () => ({
  loadPdfJs: () => Promise.resolve({}),
  openPdf: async (source: { url: string; head: Promise<unknown> }) => {
    const task = { url: source.url, head: await source.head, destroyed: false, destroy: () => void (task.destroyed = true) };
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
