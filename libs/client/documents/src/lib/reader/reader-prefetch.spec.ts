import type { DocumentDto } from '@phonghop/contracts';
import { of, throwError } from 'rxjs';
import { PREFETCH_FRESH_MS, prepareReader, readerDocument, takePrefetchedDocument, type DocumentSource } from './reader-prefetch';

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
    prepareReader('d1', 1000);
    expect(fetch).toHaveBeenCalledWith('/api/documents/d1', expect.objectContaining({ credentials: 'same-origin' }));
    await expect(takePrefetchedDocument('d1', 1500)).resolves.toEqual(doc('d1'));
    expect(takePrefetchedDocument('d1', 1600)).toBeNull();
  });

  it('is not used for another document, nor once stale', () => {
    answer(200, doc('d1'));
    prepareReader('d1', 0);
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
});
