/**
 * Just enough DER to assemble CMS byte for byte and to find the exact bytes a signature covers. Schema libraries
 * re-encode what they parse, which is not what the signer hashed when its encoding was not canonical.
 */

/** One tag-length-value: `start` is the tag byte, `body` the first content byte, `end` one past the last. */
export interface Tlv {
  tag: number;
  start: number;
  body: number;
  end: number;
}

export class DerError extends Error {}

/** Reads the element at `at`. Indefinite lengths (BER, as streaming signers write) end at their end-of-contents. */
export function readTlv(buf: Uint8Array, at: number, limit = buf.length): Tlv {
  if (at + 2 > limit) throw new DerError('truncated');
  const tag = buf[at];
  if ((tag & 0x1f) === 0x1f) throw new DerError('multi-byte tags are not used here');
  let pos = at + 1;
  const first = buf[pos++];
  if (first === 0x80) {
    if (!(tag & 0x20)) throw new DerError('indefinite length on a primitive');
    let child = pos;
    while (!(buf[child] === 0 && buf[child + 1] === 0)) {
      if (child + 2 > limit) throw new DerError('unterminated');
      child = readTlv(buf, child, limit).end;
    }
    return { tag, start: at, body: pos, end: child + 2 };
  }
  let length = first;
  if (first & 0x80) {
    const n = first & 0x7f;
    if (n > 4 || pos + n > limit) throw new DerError('bad length');
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + buf[pos++];
  }
  const end = pos + length;
  if (end > limit) throw new DerError('truncated');
  return { tag, start: at, body: pos, end };
}

/** The elements inside a constructed element (without an indefinite form's end-of-contents). */
export function childrenOf(buf: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  let pos = parent.body;
  while (pos < parent.end) {
    if (buf[pos] === 0 && buf[pos + 1] === 0) break;
    const child = readTlv(buf, pos, parent.end);
    out.push(child);
    pos = child.end;
  }
  return out;
}

export const bytesOf = (buf: Uint8Array, tlv: Tlv): Buffer => Buffer.from(buf.subarray(tlv.start, tlv.end));
export const contentOf = (buf: Uint8Array, tlv: Tlv): Buffer => Buffer.from(buf.subarray(tlv.body, tlv.end));

// ---- encoding ----

function lengthBytes(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return Buffer.from([0x80 | out.length, ...out]);
}

export function tlv(tag: number, ...content: Uint8Array[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), lengthBytes(body.length), body]);
}

export const sequence = (...items: Uint8Array[]) => tlv(0x30, ...items);
/** A SET OF in DER order: elements sorted by their encodings. */
export const setOf = (...items: Uint8Array[]) => tlv(0x31, ...[...items].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
export const octetString = (bytes: Uint8Array) => tlv(0x04, bytes);
export const nullValue = () => Buffer.from([0x05, 0x00]);
/** [n] EXPLICIT (constructed context tag). */
export const explicit = (n: number, ...items: Uint8Array[]) => tlv(0xa0 | n, ...items);
/** [n] IMPLICIT for a constructed type: the same content under a context tag. */
export const implicitConstructed = (n: number, encoded: Uint8Array) => tlv(0xa0 | n, contentOf(encoded, readTlv(encoded, 0)));

export function integer(value: number | bigint | Uint8Array): Buffer {
  let bytes: Buffer;
  if (value instanceof Uint8Array) {
    bytes = Buffer.from(value);
  } else {
    let v = BigInt(value);
    const out: number[] = [];
    do {
      out.unshift(Number(v & 0xffn));
      v >>= 8n;
    } while (v > 0n);
    bytes = Buffer.from(out);
  }
  if (bytes.length === 0 || bytes[0] & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return tlv(0x02, bytes);
}

export function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map((p) => BigInt(p));
  const out: number[] = [Number(parts[0] * 40n + parts[1])];
  for (const part of parts.slice(2)) {
    const chunk: number[] = [];
    let v = part;
    do {
      chunk.unshift(Number(v & 0x7fn) | (chunk.length ? 0x80 : 0));
      v >>= 7n;
    } while (v > 0n);
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

export function readOid(buf: Uint8Array, node: Tlv): string {
  if (node.tag !== 0x06) throw new DerError('not an OID');
  const body = buf.subarray(node.body, node.end);
  const parts: bigint[] = [];
  let v = 0n;
  for (const b of body) {
    v = (v << 7n) | BigInt(b & 0x7f);
    if (!(b & 0x80)) {
      parts.push(v);
      v = 0n;
    }
  }
  const first = parts.shift() ?? 0n;
  const head = first < 80n ? [first / 40n, first % 40n] : [2n, first - 80n];
  return [...head, ...parts].join('.');
}

/** An AlgorithmIdentifier: the OID, with NULL parameters when asked (RSA) and none otherwise (SHA-2, ECDSA). */
export const algorithm = (dotted: string, nullParams = false) => (nullParams ? sequence(oid(dotted), nullValue()) : sequence(oid(dotted)));
