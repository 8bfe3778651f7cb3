import { DOCUMENT_VERSION_HEADER, FIRST_PAGE_CHUNKS_HEADER, FIRST_PAGE_CHUNKS_MAX, PDF_RANGE_CHUNK } from '@phonghop/contracts';

/** pdf.js asks for the file in chunks of this size (`rangeChunkSize`); ranges it asks for start on a chunk. */
export const RANGE_CHUNK = PDF_RANGE_CHUNK;

/** The start of the file and its size, fetched before pdf.js is ready to ask. */
export interface FileHead {
  url: string;
  length: number;
  initial: Uint8Array;
  /**
   * Chunks fetched ahead, by their first byte: the last one (where pdf.js reads the cross-reference first) and those
   * the server says page 1 needs (FIRST_PAGE_CHUNKS_HEADER).
   */
  ahead: Map<number, Promise<Uint8Array>>;
}

/**
 * Asks at once for the chunks the server named in FIRST_PAGE_CHUNKS_HEADER of `res` (an answer for this very file),
 * into `ahead`: pdf.js would otherwise ask for them one round trip after another once its worker is up.
 */
export function fetchFirstPageChunks(res: Response, url: string, length: number, ahead: Map<number, Promise<Uint8Array>>, signal?: AbortSignal): void {
  const named = res.headers.get(FIRST_PAGE_CHUNKS_HEADER);
  if (!named || !/^\d+(,\d+)*$/.test(named)) return;
  for (const n of named.split(',').map(Number).slice(0, FIRST_PAGE_CHUNKS_MAX)) {
    const begin = n * RANGE_CHUNK;
    if (begin <= 0 || begin >= length || ahead.has(begin)) continue;
    const bytes = fetchRange(url, begin, Math.min(begin + RANGE_CHUNK, length), signal);
    bytes.catch(() => undefined);
    ahead.set(begin, bytes);
  }
}

/**
 * Bytes [begin, end) pdf.js asks for, from the chunks fetched ahead where there are (each taken once), the rest
 * fetched now; null when none of it was fetched ahead. pdf.js asks for runs of neighbouring chunks in one range.
 */
export function takeAhead(head: FileHead, begin: number, end: number, fetchPart: (begin: number, end: number) => Promise<Uint8Array>): Promise<Uint8Array> | null {
  const starts: number[] = [];
  for (let at = begin; at < end; at += RANGE_CHUNK) starts.push(at);
  if (!starts.some((at) => head.ahead.has(at))) return null;
  const parts = starts.map((at) => {
    const ready = head.ahead.get(at);
    head.ahead.delete(at);
    const partEnd = Math.min(at + RANGE_CHUNK, end);
    // A chunk fetched ahead that failed, or one that ends elsewhere (the last chunk), is fetched again.
    const again = () => fetchPart(at, partEnd);
    return ready ? ready.then((b) => (b.length === partEnd - at ? b : again()), again) : again();
  });
  return Promise.all(parts).then((list) => {
    if (list.length === 1) return list[0];
    const out = new Uint8Array(end - begin);
    let offset = 0;
    for (const part of list) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  });
}

/** `bytes 0-65535/538555` → { start: 0, end: 65535, total: 538555 }. */
export function parseContentRange(header: string | null): { start: number; end: number; total: number } | null {
  const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(header?.trim() ?? '');
  return m ? { start: Number(m[1]), end: Number(m[2]), total: Number(m[3]) } : null;
}

/** `bytes 0-65535/538555` → 538555. */
export function totalFromContentRange(header: string | null): number | null {
  return parseContentRange(header)?.total ?? null;
}

/** Where the chunk holding the file's last byte begins. */
export function lastChunkStart(length: number, chunk = RANGE_CHUNK): number {
  return Math.floor((length - 1) / chunk) * chunk;
}

/** Bytes [begin, end) of the file: 206 with exactly that range, or a 200 with the whole file to cut from. */
export async function fetchRange(url: string, begin: number, end: number, signal?: AbortSignal): Promise<Uint8Array> {
  const res = await fetch(url, { headers: { range: `bytes=${begin}-${end - 1}` }, credentials: 'same-origin', signal });
  if (res.status !== 206 && res.status !== 200) throw new Error(`HTTP ${res.status}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  return res.status === 200 ? bytes.subarray(begin, end) : bytes;
}

/**
 * The first chunk, and from its Content-Range the size and then the last chunk: what pdf.js reads before anything
 * else. Asked for as soon as the reader knows the file's address, they arrive while pdf.js' worker is still
 * starting, instead of one round trip after another once it is up. `size`: the file's size if known (the
 * metadata's, for a file served as stored): then both chunks are asked for at once. Null when the server does not
 * answer a range (then pdf.js loads the usual way).
 */
export async function fetchHead(url: string, size?: number, signal?: AbortSignal): Promise<FileHead | null> {
  const guess = size && size > RANGE_CHUNK ? fetchRange(url, lastChunkStart(size), size, signal) : null;
  guess?.catch(() => undefined);
  try {
    const res = await fetch(url, { headers: { range: `bytes=0-${RANGE_CHUNK - 1}` }, credentials: 'same-origin', signal });
    if (res.status !== 206) return null;
    const length = totalFromContentRange(res.headers.get('content-range'));
    if (!length) return null;
    const ahead = new Map<number, Promise<Uint8Array>>();
    const last = lastChunkStart(length);
    if (last > 0) {
      const tail = guess && length === size ? guess : fetchRange(url, last, length, signal);
      tail.catch(() => undefined);
      ahead.set(last, tail);
    }
    fetchFirstPageChunks(res, url, length, ahead, signal);
    return { url, length, initial: new Uint8Array(await res.arrayBuffer()), ahead };
  } catch {
    return null;
  }
}

/** The current-version route's answers for what pdf.js reads first: the first chunk and the file's last bytes. */
export interface CurrentHeadRequests {
  first: Promise<Response>;
  last: Promise<Response>;
}

/**
 * Asks `GET /api/documents/:id/file` (whatever version is current) for the first chunk and, at the same time, for
 * the last `RANGE_CHUNK` bytes, which hold the chunk pdf.js reads next (the cross-reference): neither waits for the
 * metadata to name the version, nor for the first answer's size. apps/web's `preloadEntryRoute` makes the same two
 * requests before this chunk has loaded.
 */
export function requestCurrentHead(currentUrl: string, signal?: AbortSignal): CurrentHeadRequests {
  const get = (range: string) => fetch(currentUrl, { headers: { range }, credentials: 'same-origin', signal });
  const requests = { first: get(`bytes=0-${RANGE_CHUNK - 1}`), last: get(`bytes=-${RANGE_CHUNK}`) };
  requests.first.catch(() => undefined);
  requests.last.catch(() => undefined);
  return requests;
}

/**
 * The head of the current version from requestCurrentHead's answers: the version the server says it served, and the
 * file's head with `url` = that version's own address (`versionUrl`), where pdf.js' later ranges go, so that they
 * read the same bytes even if a newer version is uploaded meanwhile. The last chunk is cut from the answer for the
 * last bytes when both answers are of the same file (same ETag and version: a confidential copy is the reader's
 * own), else asked for again at the version's address. Null when the first answer is not a range of a named
 * version (refused, not found, another server): then the reader goes the usual way, after the metadata.
 */
export async function currentHead(
  requests: CurrentHeadRequests,
  versionUrl: (version: number) => string,
  signal?: AbortSignal,
): Promise<{ version: number; head: FileHead } | null> {
  try {
    const res = await requests.first;
    const version = Number(res.headers.get(DOCUMENT_VERSION_HEADER));
    const got = parseContentRange(res.headers.get('content-range'));
    if (res.status !== 206 || !Number.isSafeInteger(version) || version < 1 || !got || got.start !== 0) {
      void res.body?.cancel().catch(() => undefined);
      void requests.last.then((r) => r.body?.cancel()).catch(() => undefined);
      return null;
    }
    const url = versionUrl(version);
    const length = got.total;
    const ahead = new Map<number, Promise<Uint8Array>>();
    const last = lastChunkStart(length);
    if (last > got.end) {
      const again = () => fetchRange(url, last, length, signal);
      const tail = requests.last.then(async (r) => {
        const part = parseContentRange(r.headers.get('content-range'));
        const same = r.headers.get('etag') === res.headers.get('etag') && r.headers.get(DOCUMENT_VERSION_HEADER) === String(version);
        if (r.status !== 206 || !same || !part || part.total !== length || part.start > last || part.end !== length - 1) {
          void r.body?.cancel().catch(() => undefined);
          return again();
        }
        return new Uint8Array(await r.arrayBuffer()).subarray(last - part.start);
      }, again);
      tail.catch(() => undefined);
      ahead.set(last, tail);
    } else {
      void requests.last.then((r) => r.body?.cancel()).catch(() => undefined);
    }
    // Named by the answer for the current version: fetched from that version's own address (the same bytes).
    fetchFirstPageChunks(res, url, length, ahead, signal);
    return { version, head: { url, length, initial: new Uint8Array(await res.arrayBuffer()), ahead } };
  } catch {
    return null;
  }
}
