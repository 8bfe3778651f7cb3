import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

/** A PDF in memory or on disk, read by ranges: a 200 MB upload is hashed without being loaded whole. */
export interface PdfSource {
  readonly size: number;
  read(start: number, end: number): Promise<Buffer>;
  /** Offsets of every occurrence of `needle`. */
  find(needle: string): Promise<number[]>;
  digest(algorithm: string, ranges: readonly [number, number][]): Promise<Buffer>;
  close(): Promise<void>;
}

export function bufferSource(buf: Buffer): PdfSource {
  return {
    size: buf.length,
    read: async (start, end) => buf.subarray(Math.max(0, start), Math.min(buf.length, end)),
    find: async (needle) => {
      const out: number[] = [];
      for (let i = buf.indexOf(needle, 0, 'latin1'); i >= 0; i = buf.indexOf(needle, i + 1, 'latin1')) out.push(i);
      return out;
    },
    digest: async (algorithm, ranges) => {
      const h = createHash(algorithm);
      for (const [start, length] of ranges) h.update(buf.subarray(start, start + length));
      return h.digest();
    },
    close: async () => undefined,
  };
}

const CHUNK = 4 * 1024 * 1024;

export async function fileSource(path: string): Promise<PdfSource> {
  const fh = await open(path, 'r');
  const size = (await fh.stat()).size;
  const read = async (start: number, end: number) => {
    const from = Math.max(0, start);
    const length = Math.max(0, Math.min(size, end) - from);
    const out = Buffer.alloc(length);
    let done = 0;
    while (done < length) {
      const { bytesRead } = await fh.read(out, done, length - done, from + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return out.subarray(0, done);
  };
  return {
    size,
    read,
    find: async (needle) => {
      const out: number[] = [];
      const overlap = needle.length - 1;
      for (let pos = 0; pos < size; pos += CHUNK) {
        const chunk = await read(pos, pos + CHUNK + overlap);
        for (let i = chunk.indexOf(needle, 0, 'latin1'); i >= 0; i = chunk.indexOf(needle, i + 1, 'latin1')) if (i < CHUNK) out.push(pos + i);
      }
      return out;
    },
    digest: async (algorithm, ranges) => {
      const h = createHash(algorithm);
      for (const [start, length] of ranges) {
        for (let pos = start; pos < start + length; pos += CHUNK) h.update(await read(pos, Math.min(start + length, pos + CHUNK)));
      }
      return h.digest();
    },
    close: () => fh.close(),
  };
}
