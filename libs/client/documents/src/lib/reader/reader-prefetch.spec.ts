import type { DocumentDto } from '@phonghop/contracts';
import { of, throwError } from 'rxjs';
import { rememberLastPage } from './last-page';
import { PREFETCH_FRESH_MS, opensAtFirstPage, prepareReader, readerDocument, takePrefetchedDocument, type DocumentSource } from './reader-prefetch';

jest.mock('./pdf-loader', () => ({ loadPdfJs: () => Promise.resolve({}) }));
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

  it('is not used for another document, nor once stale', () => {
    answer(200, doc('d1'));
    prepareReader('d1', {}, 0);
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
