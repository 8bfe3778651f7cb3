import { childrenOf, contentOf, DerError, readOid, readTlv, type Tlv } from './der';

/** A cursor over a DER buffer for reading known structures with few lines. */
export class DerNode {
  constructor(
    readonly buf: Uint8Array,
    readonly tlv: Tlv,
  ) {}

  static parse(buf: Uint8Array, at = 0): DerNode {
    return new DerNode(buf, readTlv(buf, at));
  }

  get tag(): number {
    return this.tlv.tag;
  }

  /** The whole element's bytes (tag, length, content). */
  get bytes(): Buffer {
    return Buffer.from(this.buf.subarray(this.tlv.start, this.tlv.end));
  }

  get content(): Buffer {
    return contentOf(this.buf, this.tlv);
  }

  children(): DerNode[] {
    return childrenOf(this.buf, this.tlv).map((t) => new DerNode(this.buf, t));
  }

  child(i: number, tag?: number): DerNode {
    const c = this.children()[i];
    if (!c || (tag !== undefined && c.tag !== tag)) throw new DerError(`expected element ${i}${tag === undefined ? '' : ` with tag 0x${tag.toString(16)}`}`);
    return c;
  }

  oid(): string {
    return readOid(this.buf, this.tlv);
  }

  /** An INTEGER as a number (small values: versions, counts). */
  int(): number {
    if (this.tag !== 0x02) throw new DerError('not an INTEGER');
    return Number(BigInt(`0x${this.content.toString('hex') || '0'}`));
  }

  /** The content of an OCTET STRING, also when a BER signer split it into constructed pieces. */
  octets(): Buffer {
    if (this.tag === 0x04) return this.content;
    if (this.tag === 0x24) return Buffer.concat(this.children().map((c) => c.octets()));
    throw new DerError('not an OCTET STRING');
  }

  /** An [n] EXPLICIT wrapper's single inner element. */
  inner(): DerNode {
    return this.child(0);
  }

  /** GeneralizedTime or UTCTime. */
  time(): Date {
    const s = this.content.toString('latin1');
    // UTCTime (0x17) has a two-digit year, GeneralizedTime a four-digit one.
    const yearPattern = this.tag === 0x17 ? '(\\d{2})' : '(\\d{4})';
    const m = new RegExp(`^${yearPattern}(\\d{2})(\\d{2})(\\d{2})(\\d{2})(\\d{2})?(\\.\\d+)?(Z|[+-]\\d{4})?$`).exec(s);
    if (!m) throw new DerError('bad time');
    let year = Number(m[1]);
    if (this.tag === 0x17) year += year < 50 ? 2000 : 1900;
    const zone = !m[8] || m[8] === 'Z' ? 'Z' : `${m[8].slice(0, 3)}:${m[8].slice(3)}`;
    const iso = `${String(year).padStart(4, '0')}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${m[7] ?? ''}${zone}`;
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) throw new DerError('bad time');
    return date;
  }
}
