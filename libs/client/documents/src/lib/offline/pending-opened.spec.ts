import { openedUrl, readPendingOpened, shouldRetryOpened, withoutPending, withPending, writePendingOpened } from './pending-opened';

function memoryStore() {
  const data = new Map<string, string>();
  return { data, getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
}

describe('pending "opened" reports', () => {
  it('names the server route of the report', () => {
    expect(openedUrl('d 1', 3)).toBe('/api/documents/d%201/versions/3/opened');
  });

  it('keeps each document version once, newest last', () => {
    let list = withPending([], { documentId: 'a', version: 1 });
    list = withPending(list, { documentId: 'b', version: 2 });
    list = withPending(list, { documentId: 'a', version: 1 });
    list = withPending(list, { documentId: 'a', version: 2 });
    expect(list).toEqual([
      { documentId: 'b', version: 2 },
      { documentId: 'a', version: 1 },
      { documentId: 'a', version: 2 },
    ]);
    expect(withoutPending(list, { documentId: 'a', version: 1 })).toEqual([
      { documentId: 'b', version: 2 },
      { documentId: 'a', version: 2 },
    ]);
  });

  it('stays small: the oldest reports go first', () => {
    let list = withPending([], { documentId: 'first', version: 1 });
    for (let i = 0; i < 250; i++) list = withPending(list, { documentId: `d${i}`, version: 1 });
    expect(list).toHaveLength(200);
    expect(list.some((r) => r.documentId === 'first')).toBe(false);
    expect(list.at(-1)).toEqual({ documentId: 'd249', version: 1 });
  });

  it('stores the list per user and survives damaged storage', () => {
    const store = memoryStore();
    writePendingOpened(store, 'u1', [{ documentId: 'a', version: 1 }]);
    expect(readPendingOpened(store, 'u1')).toEqual([{ documentId: 'a', version: 1 }]);
    // Another person signed in on the same tablet has their own list.
    expect(readPendingOpened(store, 'u2')).toEqual([]);
    store.data.set('phonghop.openedPending.u1', '{broken');
    expect(readPendingOpened(store, 'u1')).toEqual([]);
    store.data.set('phonghop.openedPending.u1', JSON.stringify([{ documentId: 'a', version: 0 }, { documentId: 5, version: 1 }, null, { documentId: 'ok', version: 2 }]));
    expect(readPendingOpened(store, 'u1')).toEqual([{ documentId: 'ok', version: 2 }]);
    expect(readPendingOpened(null, 'u1')).toEqual([]);
    const full = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); } };
    expect(() => writePendingOpened(full, 'u1', [{ documentId: 'a', version: 1 }])).not.toThrow();
  });

  it('retries when the server could not be reached, drops what the server refused for good', () => {
    for (const status of [0, 401, 408, 429, 500, 502, 503, 504]) expect(shouldRetryOpened(status)).toBe(true);
    for (const status of [400, 403, 404, 409]) expect(shouldRetryOpened(status)).toBe(false);
  });
});
