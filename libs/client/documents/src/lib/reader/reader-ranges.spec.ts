import { RANGE_CHUNK, fetchHead, fetchRange, lastChunkStart, totalFromContentRange } from './reader-ranges';

type Call = { url: string; range: string };

/** A server holding `size` bytes (byte i = i % 256) that answers ranges with 206, or everything with `status`. */
function server(size: number, status = 206): Call[] {
  const calls: Call[] = [];
  const file = Uint8Array.from({ length: size }, (_, i) => i % 256);
  (globalThis as { fetch: unknown }).fetch = jest.fn(async (url: string, init: { headers: Record<string, string> }) => {
    const range = init.headers['range'];
    calls.push({ url, range });
    const [, from, to] = /bytes=(\d+)-(\d+)/.exec(range) ?? [];
    const begin = Number(from);
    const end = Math.min(size, Number(to) + 1);
    const body = status === 206 ? file.slice(begin, end) : file;
    return {
      status,
      headers: { get: (h: string) => (h === 'content-range' && status === 206 ? `bytes ${begin}-${end - 1}/${size}` : null) },
      arrayBuffer: async () => body.buffer,
    };
  });
  return calls;
}

describe('reader ranges', () => {
  it('reads the size from Content-Range and finds the last chunk', () => {
    expect(totalFromContentRange('bytes 0-65535/538555')).toBe(538555);
    expect(totalFromContentRange('bytes */538555')).toBeNull();
    expect(totalFromContentRange(null)).toBeNull();
    expect(lastChunkStart(538555)).toBe(524288);
    expect(lastChunkStart(RANGE_CHUNK)).toBe(0);
    expect(lastChunkStart(RANGE_CHUNK + 1)).toBe(RANGE_CHUNK);
  });

  it('fetches the first chunk, then the last one ahead of pdf.js asking for it', async () => {
    const calls = server(200_000);
    const head = await fetchHead('/f');
    expect(head?.length).toBe(200_000);
    expect(head?.initial.length).toBe(RANGE_CHUNK);
    expect(calls.map((c) => c.range)).toEqual(['bytes=0-65535', 'bytes=196608-199999']);
    const tail = await head?.ahead.get(196608);
    expect(tail?.length).toBe(200_000 - 196608);
    expect(tail?.[0]).toBe(196608 % 256);
  });

  it('with the size known, asks for both chunks at once; a wrong size (a stamped copy) costs one request more', async () => {
    let calls = server(200_000);
    let head = await fetchHead('/f', 200_000);
    expect(calls.map((c) => c.range)).toEqual(['bytes=196608-199999', 'bytes=0-65535']);
    expect((await head?.ahead.get(196608))?.length).toBe(200_000 - 196608);
    calls = server(210_000);
    head = await fetchHead('/f', 200_000);
    expect(calls.map((c) => c.range)).toEqual(['bytes=196608-199999', 'bytes=0-65535', 'bytes=196608-209999']);
    expect((await head?.ahead.get(196608))?.length).toBe(210_000 - 196608);
  });

  it('a file of one chunk needs nothing ahead', async () => {
    const calls = server(1000);
    const head = await fetchHead('/f');
    expect(head?.length).toBe(1000);
    expect(head?.ahead.size).toBe(0);
    expect(calls).toHaveLength(1);
  });

  it('leaves loading to pdf.js when the server does not answer ranges', async () => {
    server(200_000, 200);
    await expect(fetchHead('/f')).resolves.toBeNull();
    server(10, 403);
    await expect(fetchHead('/f')).resolves.toBeNull();
  });

  it('cuts a range out of a whole-file answer, and fails on errors', async () => {
    server(1000, 200);
    const bytes = await fetchRange('/f', 100, 200);
    expect(bytes.length).toBe(100);
    expect(bytes[0]).toBe(100);
    server(1000, 500);
    await expect(fetchRange('/f', 0, 10)).rejects.toThrow('HTTP 500');
  });
});
