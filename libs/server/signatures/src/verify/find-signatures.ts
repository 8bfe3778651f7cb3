import type { PdfSource } from './pdf-source';
import { DerError, readTlv } from '../asn1/der';
import { parsePdfDate } from '../pdf/pdf-date';

/** A signature as it sits in the file: its byte ranges, its CMS, and what its dictionary says. */
export interface FoundSignature {
  byteRange: [number, number, number, number];
  /** The CMS (the /Contents hex without its zero padding), or null when the hole is not one hex string. */
  cms: Buffer | null;
  subFilter: string;
  claimedTime: Date | null;
  name: string | null;
  reason: string | null;
  /** Where the covered bytes end: after it, the file was changed. */
  coveredEnd: number;
}

const WINDOW = 4096;

/**
 * Finds the signatures of a PDF by their /ByteRange arrays. A signature dictionary is never inside a compressed
 * object stream (its /Contents must be patched in place), so the raw bytes show every one. The hole between the
 * two ranges must be exactly one hex string: that is the CMS.
 */
export async function findSignatures(src: PdfSource): Promise<FoundSignature[]> {
  const found: FoundSignature[] = [];
  for (const at of await src.find('/ByteRange')) {
    const head = (await src.read(at, at + 120)).toString('latin1');
    const m = /^\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(head);
    if (!m) continue;
    const r = m.slice(1, 5).map(Number) as FoundSignature['byteRange'];
    const holeStart = r[0] + r[1];
    const holeEnd = r[2];
    if (r[0] !== 0 || holeEnd <= holeStart || r[2] + r[3] > src.size) {
      found.push({ byteRange: r, cms: null, subFilter: '', claimedTime: null, name: null, reason: null, coveredEnd: Math.min(src.size, r[2] + r[3]) });
      continue;
    }
    const hole = (await src.read(holeStart, holeEnd)).toString('latin1');
    const hex = /^<([0-9A-Fa-f\s]*)>$/.exec(hole)?.[1].replace(/\s+/g, '');
    const cms = hex && hex.length % 2 === 0 ? withoutPadding(Buffer.from(hex, 'hex')) : null;
    const dict = await dictionaryText(src, at, holeStart, holeEnd);
    found.push({
      byteRange: r,
      cms: cms && cms.length > 0 ? cms : null,
      subFilter: /\/SubFilter\s*\/([^\s/<>[\]()]+)/.exec(dict)?.[1] ?? '',
      claimedTime: parsePdfDate(pdfString(/\/M\s*(\([^)]*\)|<[0-9A-Fa-f\s]*>)/.exec(dict)?.[1]) ?? ''),
      name: pdfString(/\/Name\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)/.exec(dict)?.[1]),
      reason: pdfString(/\/Reason\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)/.exec(dict)?.[1]),
      coveredEnd: r[2] + r[3],
    });
  }
  // Oldest first: a later signature covers more of the file.
  return found.sort((a, b) => a.coveredEnd - b.coveredEnd);
}

/** The text of the object around /ByteRange, with the signature hole left out. */
async function dictionaryText(src: PdfSource, at: number, holeStart: number, holeEnd: number): Promise<string> {
  const before = (await src.read(Math.max(0, Math.min(at, holeStart) - WINDOW), Math.min(at, holeStart))).toString('latin1');
  const between = at < holeStart ? (await src.read(at, holeStart)).toString('latin1') : (await src.read(holeEnd, at)).toString('latin1');
  const after = (await src.read(Math.max(at, holeEnd), Math.max(at, holeEnd) + WINDOW)).toString('latin1');
  const start = before.lastIndexOf(' obj');
  const end = after.indexOf('endobj');
  return `${start >= 0 ? before.slice(start) : before}${between}${end >= 0 ? after.slice(0, end) : after}`;
}

/** A PDF string, literal or hex, as text (UTF-16BE with a byte order mark, else PDFDocEncoding ≈ Latin-1). */
export function pdfString(raw: string | undefined): string | null {
  if (!raw) return null;
  let bytes: Buffer;
  if (raw.startsWith('<')) {
    bytes = Buffer.from(raw.slice(1, -1).replace(/\s+/g, ''), 'hex');
  } else {
    const body = raw.slice(1, -1).replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, e: string) => {
      const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };
      return map[e] ?? String.fromCharCode(parseInt(e, 8));
    });
    bytes = Buffer.from(body, 'latin1');
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const utf16 = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)));
    return utf16.swap16().toString('utf16le');
  }
  return bytes.toString('latin1');
}

/**
 * The CMS in a /Contents hole without the zeros that pad it: as long as its outer DER header says (readTlv). Cutting
 * trailing zero bytes instead would cut a CMS whose own last byte is zero (one signature in a few hundred). A length
 * the header does not give (BER's indefinite form) or that overruns the hole: the trailing zeros are cut as before.
 */
export function withoutPadding(padded: Buffer): Buffer {
  if (padded[0] === 0x30 && padded[1] !== 0x80) {
    try {
      return padded.subarray(0, readTlv(padded, 0).end);
    } catch (e) {
      if (!(e instanceof DerError)) throw e;
    }
  }
  let end = padded.length;
  while (end > 0 && padded[end - 1] === 0) end--;
  return padded.subarray(0, end);
}
