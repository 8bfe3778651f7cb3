import { RANGE_CHUNK, currentHead, fetchHead, fetchRange, lastChunkStart, parseContentRange, requestCurrentHead, takeAhead, totalFromContentRange } from './reader-ranges';

type Call = { url: string; range: string };

/** A server holding `size` bytes (byte i = i % 256) that answers ranges with 206, or everything with `status`. */
function server(size: number, status = 206): Call[] {
  const calls: Call[] = [];
  const file = Uint8Array.from({ length: size }, (_, i) => i % 256);
  (globalThis as { fetch: unknown }).fetch = jest.fn(async (url: string, init: { headers: Record<string, string> }) => {
    const range = init.headers['range'];
    calls.push({ url, range });
    const [, from, to] = /bytes=(\d*)-(\d+)/.exec(range) ?? [];
    // `bytes=-N`: the last N bytes.
    const begin = from === '' ? Math.max(0, size - Number(to)) : Number(from);
    const end = from === '' ? size : Math.min(size, Number(to) + 1);
    const body = status === 206 ? file.slice(begin, end) : file;
    return {
      status,
      headers: { get: (h: string) => (h === 'content-range' && status === 206 ? `bytes ${begin}-${end - 1}/${size}` : null) },
      arrayBuffer: async () => body.buffer,
    };
  });
  return calls;
}

/**
 * The current-version route: answers `url` with the version `current()` names at each request (its file of `sizes[v]`
 * bytes, byte i = (i + v) % 256), with the version header and an ETag per version; other URLs as `server` does (with
 * the first version's size).
 */
function currentRoute(sizes: Record<number, number>, current: () => number, status = 206, firstPageChunks?: string): Call[] {
  const calls = server(Object.values(sizes)[0]);
  const versioned = (globalThis as unknown as { fetch: (url: string, init: { headers: Record<string, string> }) => Promise<unknown> }).fetch;
  (globalThis as { fetch: unknown }).fetch = jest.fn(async (url: string, init: { headers: Record<string, string> }) => {
    if (url !== '/d/file') return versioned(url, init);
    const v = current();
    const size = sizes[v];
    const range = init.headers['range'];
    calls.push({ url, range });
    const [, from, to] = /bytes=(\d*)-(\d+)/.exec(range) ?? [];
    const begin = from === '' ? Math.max(0, size - Number(to)) : Number(from);
    const end = from === '' ? size : Math.min(size, Number(to) + 1);
    const headers: Record<string, string> = { 'x-phonghop-version': String(v), etag: `"sha-${v}"` };
    if (firstPageChunks !== undefined) headers['x-phonghop-first-page-chunks'] = firstPageChunks;
    if (status === 206) headers['content-range'] = `bytes ${begin}-${end - 1}/${size}`;
    const body = Uint8Array.from({ length: end - begin }, (_, i) => (begin + i + v) % 256);
    return { status, headers: { get: (h: string) => headers[h] ?? null }, arrayBuffer: async () => body.buffer, body: null };
  });
  return calls;
}

const versionUrl = (v: number) => `/d/versions/${v}/file`;

describe('reader ranges', () => {
  it('reads the current version, its first chunk and its last one from the two answers of the current-version route', async () => {
    const calls = currentRoute({ 3: 200_000 }, () => 3);
    const got = await currentHead(requestCurrentHead('/d/file'), versionUrl);
    expect(calls.map((c) => c.range)).toEqual(['bytes=0-65535', 'bytes=-65536']);
    expect(got?.version).toBe(3);
    expect(got?.head.url).toBe('/d/versions/3/file');
    expect(got?.head.length).toBe(200_000);
    expect(got?.head.initial.length).toBe(RANGE_CHUNK);
    const tail = await got?.head.ahead.get(196608);
    expect(tail?.length).toBe(200_000 - 196608);
    expect(tail?.[0]).toBe((196608 + 3) % 256);
    expect(calls).toHaveLength(2);
  });

  it('asks at once for the chunks the server names for page 1, at the version’s own address, and hands them to pdf.js', async () => {
    // 300,000 bytes: chunks 0–4, the last (4) asked for anyway; 0, 4, 9 (past the end) and 3 twice are not asked again.
    const calls = currentRoute({ 3: 300_000 }, () => 3, 206, '0,1,3,3,4,9');
    const got = await currentHead(requestCurrentHead('/d/file'), versionUrl);
    const head = got?.head;
    if (!head) throw new Error('no head');
    expect([...head.ahead.keys()].sort((a, b) => a - b)).toEqual([RANGE_CHUNK, 3 * RANGE_CHUNK, 4 * RANGE_CHUNK]);
    expect(calls.map((c) => `${c.url} ${c.range}`).slice(2)).toEqual(['/d/versions/3/file bytes=65536-131071', '/d/versions/3/file bytes=196608-262143']);
    // pdf.js asks for chunks 1–3 in one range: 1 and 3 come from what was fetched ahead, 2 is fetched now.
    const fetched: string[] = [];
    const part = async (b: number, e: number) => {
      fetched.push(`${b}-${e}`);
      // As the version's own address serves it (byte i = i % 256).
      return Uint8Array.from({ length: e - b }, (_, i) => (b + i) % 256);
    };
    const bytes = await takeAhead(head, RANGE_CHUNK, 4 * RANGE_CHUNK, part);
    expect(fetched).toEqual([`${2 * RANGE_CHUNK}-${3 * RANGE_CHUNK}`]);
    expect(bytes?.length).toBe(3 * RANGE_CHUNK);
    expect(bytes?.every((b, i) => b === (RANGE_CHUNK + i) % 256)).toBe(true);
    // Taken once; a range with nothing fetched ahead is left to the caller.
    expect(head.ahead.has(RANGE_CHUNK)).toBe(false);
    expect(takeAhead(head, RANGE_CHUNK, 2 * RANGE_CHUNK, part)).toBeNull();
    // The last chunk, as pdf.js asks for it (to the end of the file).
    expect((await takeAhead(head, 4 * RANGE_CHUNK, 300_000, part))?.length).toBe(300_000 - 4 * RANGE_CHUNK);
    expect(fetched).toHaveLength(1);
  });

  it('ignores a first-page header that is not a list of chunks', async () => {
    const calls = currentRoute({ 3: 300_000 }, () => 3, 206, '1;DROP');
    const got = await currentHead(requestCurrentHead('/d/file'), versionUrl);
    expect([...(got?.head.ahead.keys() ?? [])]).toEqual([4 * RANGE_CHUNK]);
    expect(calls).toHaveLength(2);
  });

  it('a newer version uploaded between the two answers: the last chunk is asked for again at the first one’s version', async () => {
    let v = 1;
    const calls = currentRoute({ 1: 200_000, 2: 300_000 }, () => v++);
    const got = await currentHead(requestCurrentHead('/d/file'), versionUrl);
    expect(got?.version).toBe(1);
    expect(await got?.head.ahead.get(196608)).toHaveLength(200_000 - 196608);
    expect(calls.map((c) => `${c.url} ${c.range}`)).toEqual(['/d/file bytes=0-65535', '/d/file bytes=-65536', '/d/versions/1/file bytes=196608-199999']);
  });

  it('a file of one chunk needs nothing ahead; a refusal or a whole-file answer leaves it to the usual way', async () => {
    currentRoute({ 1: 1000 }, () => 1);
    const small = await currentHead(requestCurrentHead('/d/file'), versionUrl);
    expect(small?.head.length).toBe(1000);
    expect(small?.head.ahead.size).toBe(0);
    currentRoute({ 1: 200_000 }, () => 1, 200);
    await expect(currentHead(requestCurrentHead('/d/file'), versionUrl)).resolves.toBeNull();
    currentRoute({ 1: 10 }, () => 1, 403);
    await expect(currentHead(requestCurrentHead('/d/file'), versionUrl)).resolves.toBeNull();
    (globalThis as { fetch: unknown }).fetch = jest.fn(async () => Promise.reject(new TypeError('network')));
    await expect(currentHead(requestCurrentHead('/d/file'), versionUrl)).resolves.toBeNull();
  });

  it('reads Content-Range', () => {
    expect(parseContentRange('bytes 134464-200000/200001')).toEqual({ start: 134464, end: 200000, total: 200001 });
    expect(parseContentRange('bytes */200001')).toBeNull();
  });


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
