import { offlineKey, offlineUrl, readReported, writeReported } from './offline-keys';

describe('offline keys', () => {
  it('gives each user their own cached copy URL', () => {
    expect(offlineUrl('/api/documents/d/versions/2/file', 'u 1')).toBe('/api/documents/d/versions/2/file?u=u%201');
    expect(offlineKey('d', 2)).toBe('d@2');
  });
  it('remembers sent receipts per user', () => {
    const data = new Map<string, string>();
    const store = { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
    writeReported(store, 'u', new Set(['a@1', 'b@2']));
    expect([...readReported(store, 'u')]).toEqual(['a@1', 'b@2']);
    expect(readReported(store, 'other').size).toBe(0);
    data.set('phonghop.received.u', '{bad');
    expect(readReported(store, 'u').size).toBe(0);
  });
});
