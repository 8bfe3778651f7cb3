/** pdf.js asks for the file in chunks of this size (`rangeChunkSize`); ranges it asks for start on a chunk. */
export const RANGE_CHUNK = 65536;

/** The start of the file and its size, fetched before pdf.js is ready to ask. */
export interface FileHead {
  url: string;
  length: number;
  initial: Uint8Array;
  /** Ranges fetched ahead, by their first byte (the last chunk, where pdf.js reads the cross-reference first). */
  ahead: Map<number, Promise<Uint8Array>>;
}

/** `bytes 0-65535/538555` → 538555. */
export function totalFromContentRange(header: string | null): number | null {
  const m = /^bytes \d+-\d+\/(\d+)$/.exec(header?.trim() ?? '');
  return m ? Number(m[1]) : null;
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
    return { url, length, initial: new Uint8Array(await res.arrayBuffer()), ahead };
  } catch {
    return null;
  }
}
