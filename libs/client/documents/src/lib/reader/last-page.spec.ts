import { LAST_PAGE_STORAGE_KEY, lastPageOf, parseLastPages, readLastPage, rememberLastPage, withLastPage, type KeyValueStore } from './last-page';

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('last page memory', () => {
  it('remembers per document and reopens there', () => {
    const store = memoryStore();
    rememberLastPage(store, 'doc-a', 7, 1000);
    rememberLastPage(store, 'doc-b', 3, 2000);
    expect(readLastPage(store, 'doc-a', 20)).toBe(7);
    expect(readLastPage(store, 'doc-b', 20)).toBe(3);
    expect(readLastPage(store, 'doc-c', 20)).toBeNull();
  });
  it('clamps to a shorter new version and treats page 1 as "start"', () => {
    const map = withLastPage({}, 'doc', 12, 1);
    expect(lastPageOf(map, 'doc', 5)).toBe(5);
    expect(lastPageOf(withLastPage({}, 'doc', 1, 1), 'doc', 5)).toBeNull();
    expect(lastPageOf(map, 'doc', 0)).toBeNull();
  });
  it('keeps only the most recent documents', () => {
    let map = {};
    for (let i = 0; i < 5; i++) map = withLastPage(map, `d${i}`, 2, i, 3);
    expect(Object.keys(map).sort()).toEqual(['d2', 'd3', 'd4']);
  });
  it('survives garbage and unavailable storage', () => {
    expect(parseLastPages('not json')).toEqual({});
    expect(parseLastPages('[1,2]')).toEqual({});
    expect(parseLastPages(JSON.stringify({ a: { page: 0, at: 1 }, b: { page: 4, at: 2 }, c: 'x' }))).toEqual({ b: { page: 4, at: 2 } });
    const broken: KeyValueStore = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
    };
    expect(readLastPage(broken, 'a', 3)).toBeNull();
    expect(() => rememberLastPage(broken, 'a', 3)).not.toThrow();
    expect(readLastPage(null, 'a', 3)).toBeNull();
    const store = memoryStore();
    rememberLastPage(store, 'x', 2.7, 5);
    expect(JSON.parse(store.data.get(LAST_PAGE_STORAGE_KEY) ?? '{}')).toEqual({ x: { page: 2, at: 5 } });
  });
});
