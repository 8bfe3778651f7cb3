import { DISPLAY_TOKEN_STORAGE_KEY, readDisplayToken } from './display-token';

const memory = () => {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
};

describe('readDisplayToken', () => {
  it('takes the token from the fragment and keeps it for a reload', () => {
    const storage = memory();
    expect(readDisplayToken('#abc_DEF-123', storage)).toBe('abc_DEF-123');
    expect(storage.data.get(DISPLAY_TOKEN_STORAGE_KEY)).toBe('abc_DEF-123');
    expect(readDisplayToken('', storage)).toBe('abc_DEF-123');
  });

  it('prefers a new link over the kept token, and has none without either', () => {
    const storage = memory();
    storage.setItem(DISPLAY_TOKEN_STORAGE_KEY, 'old');
    expect(readDisplayToken('#new', storage)).toBe('new');
    expect(readDisplayToken('#', memory())).toBeNull();
    expect(readDisplayToken('', null)).toBeNull();
  });

  it('survives storage that refuses (private mode)', () => {
    const refusing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(readDisplayToken('#t', refusing)).toBe('t');
    expect(readDisplayToken('', refusing)).toBeNull();
  });
});
