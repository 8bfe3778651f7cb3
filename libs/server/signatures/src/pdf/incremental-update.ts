/**
 * Appends an incremental update (ISO 32000-1 §7.5.6): new and changed objects after the last byte of the file,
 * then a cross-reference section pointing back (/Prev) to the previous one. Earlier bytes never change, so every
 * earlier signature still covers exactly what its signer saw.
 */

export interface UpdatedObject {
  num: number;
  gen: number;
  /** The object's value as PDF syntax (what goes between "obj" and "endobj"). */
  body: Buffer;
}

export interface TrailerEntries {
  size: number;
  /** Indirect references as PDF syntax, e.g. "1 0 R". */
  root: string;
  info?: string;
  /** The file identifier: the first element stays the original's, the second is new for this revision. */
  id: [string, string];
}

export interface AppendedUpdate {
  bytes: Buffer;
  /** Offset in `bytes` of each object's body (just after "N G obj\n"). */
  bodyOffsets: Map<number, number>;
}

export class PdfStructureError extends Error {}

/** Where the last cross-reference section starts and whether it is a stream (PDF 1.5+) or a classic table. */
export function lastCrossReference(pdf: Buffer): { offset: number; isStream: boolean } {
  const tail = pdf.subarray(Math.max(0, pdf.length - 2048)).toString('latin1');
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail) ?? [...tail.matchAll(/startxref\s+(\d+)/g)].pop();
  if (!m) throw new PdfStructureError('no startxref at the end of the file');
  const offset = Number(m[1]);
  if (offset >= pdf.length) throw new PdfStructureError('startxref points past the end of the file');
  const head = pdf.subarray(offset, offset + 32).toString('latin1');
  if (head.startsWith('xref')) return { offset, isStream: false };
  if (/^\d+\s+\d+\s+obj/.test(head)) return { offset, isStream: true };
  throw new PdfStructureError('startxref does not point at a cross-reference section');
}

/**
 * The /Size of the last cross-reference section: every object number in use is below it. Parsers may not count
 * objects they consumed (object streams, cross-reference streams), so new objects are numbered from here.
 */
export function previousSize(pdf: Buffer): number {
  const { offset, isStream } = lastCrossReference(pdf);
  const window = pdf.subarray(offset, Math.min(pdf.length, offset + (isStream ? 4096 : 64 * 1024 * 1024))).toString('latin1');
  const dict = isStream ? window.slice(0, window.indexOf('stream')) : window.slice(window.indexOf('trailer'));
  const m = /\/Size\s+(\d+)/.exec(dict);
  if (!m) throw new PdfStructureError('the last cross-reference section has no /Size');
  return Number(m[1]);
}

export function appendUpdate(pdf: Buffer, objects: UpdatedObject[], trailer: TrailerEntries): AppendedUpdate {
  const prev = lastCrossReference(pdf);
  const chunks: Buffer[] = [pdf];
  let length = pdf.length;
  const push = (b: Buffer) => {
    chunks.push(b);
    length += b.length;
  };
  const last = pdf[pdf.length - 1];
  if (last !== 0x0a && last !== 0x0d) push(Buffer.from('\n'));

  const offsets = new Map<number, number>();
  const bodyOffsets = new Map<number, number>();
  for (const o of objects) {
    offsets.set(o.num, length);
    const head = Buffer.from(`${o.num} ${o.gen} obj\n`, 'latin1');
    bodyOffsets.set(o.num, length + head.length);
    push(Buffer.concat([head, o.body, Buffer.from('\nendobj\n', 'latin1')]));
  }
  const entries = [...objects].sort((a, b) => a.num - b.num);
  const trailerDict = [
    `/Size ${trailer.size}`,
    `/Root ${trailer.root}`,
    trailer.info ? `/Info ${trailer.info}` : '',
    `/ID [${trailer.id[0]} ${trailer.id[1]}]`,
    `/Prev ${prev.offset}`,
  ]
    .filter(Boolean)
    .join(' ');

  const xrefAt = length;
  if (!prev.isStream) {
    const lines = ['xref'];
    for (const group of consecutive(entries.map((e) => e.num))) {
      lines.push(`${group[0]} ${group.length}`);
      // Each entry is exactly 20 bytes: 10-digit offset, 5-digit generation, "n", space and newline.
      for (const num of group) lines.push(`${String(offsets.get(num)).padStart(10, '0')} ${String(entries.find((e) => e.num === num)?.gen ?? 0).padStart(5, '0')} n `);
    }
    push(Buffer.from(`${lines.join('\n')}\ntrailer\n<< ${trailerDict} >>\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1'));
  } else {
    // A file whose last section is a stream gets a stream too; the stream is an object of its own (number = Size).
    const selfNum = trailer.size;
    offsets.set(selfNum, xrefAt);
    const nums = [...entries.map((e) => e.num), selfNum];
    const rows = nums.map((num) => {
      const row = Buffer.alloc(7);
      row[0] = 1;
      row.writeUInt32BE(offsets.get(num) ?? 0, 1);
      row.writeUInt16BE(entries.find((e) => e.num === num)?.gen ?? 0, 5);
      return row;
    });
    const data = Buffer.concat(rows);
    const index = consecutive(nums)
      .map((g) => `${g[0]} ${g.length}`)
      .join(' ');
    const dict = `<< /Type /XRef ${trailerDict.replace(`/Size ${trailer.size}`, `/Size ${trailer.size + 1}`)} /Index [${index}] /W [1 4 2] /Length ${data.length} >>`;
    push(Buffer.concat([Buffer.from(`${selfNum} 0 obj\n${dict}\nstream\n`, 'latin1'), data, Buffer.from(`\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1')]));
  }
  return { bytes: Buffer.concat(chunks, length), bodyOffsets };
}

/** [3,4,5,9] → [[3,4,5],[9]] (cross-reference subsections). */
function consecutive(sorted: number[]): number[][] {
  const out: number[][] = [];
  for (const n of [...sorted].sort((a, b) => a - b)) {
    const group = out[out.length - 1];
    if (group && group[group.length - 1] === n - 1) group.push(n);
    else out.push([n]);
  }
  return out;
}
