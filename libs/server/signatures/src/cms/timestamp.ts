import { createHash, randomBytes } from 'node:crypto';
import { algorithm, DerError, integer, octetString, sequence, tlv } from '../asn1/der';
import { DerNode } from '../asn1/der-read';
import { DIGEST_BY_OID, OID } from '../asn1/oids';
import { parseSignedData } from './signed-data';

export class TimestampError extends Error {}

/** TimeStampReq (RFC 3161 §2.4.1) over SHA-256 of `data`, asking for the TSA's certificate in the token. */
export function timestampRequest(data: Buffer, nonce = randomBytes(8)): Buffer {
  const imprint = sequence(algorithm(OID.sha256), octetString(createHash('sha256').update(data).digest()));
  return sequence(integer(1), imprint, integer(nonce), tlv(0x01, Buffer.from([0xff])));
}

/** What a timestamp token says: when, and over which hash. */
export interface TimestampInfo {
  genTime: Date;
  imprintDigest: string;
  imprint: Buffer;
  nonce: Buffer | null;
  policy: string;
}

/** Reads the TSTInfo inside a timestamp token (a SignedData whose content is id-ct-TSTInfo). */
export function readTimestampToken(token: Uint8Array): TimestampInfo {
  const sd = parseSignedData(token);
  if (sd.eContentType !== OID.tstInfo || !sd.eContent) throw new DerError('not a timestamp token');
  const parts = DerNode.parse(sd.eContent).children();
  const imprint = parts[2];
  const rest = parts.slice(5);
  const nonce = rest.find((p) => p.tag === 0x02);
  return {
    policy: parts[1].oid(),
    imprintDigest: DIGEST_BY_OID[imprint.child(0).child(0).oid()] ?? 'unknown',
    imprint: imprint.child(1).octets(),
    genTime: parts[4].time(),
    nonce: nonce ? nonce.content : null,
  };
}

/** Does the token's imprint hash `data`? */
export function timestampCovers(info: TimestampInfo, data: Buffer): boolean {
  return info.imprintDigest !== 'unknown' && createHash(info.imprintDigest).update(data).digest().equals(info.imprint);
}

/**
 * An RFC 3161 client over HTTP (POST application/timestamp-query). Returns the token after checking the status,
 * the imprint and the nonce; the token's own signature is checked when signatures are verified.
 */
export function httpTimestamps(url: string, timeoutMs = 15_000): (data: Buffer) => Promise<Buffer> {
  return async (data: Buffer) => {
    const nonce = randomBytes(8);
    nonce[0] &= 0x7f;
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' },
        body: new Uint8Array(timestampRequest(data, nonce)),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw new TimestampError(`the timestamp authority did not answer (${(err as Error).message})`);
    }
    if (!res.ok) throw new TimestampError(`the timestamp authority answered HTTP ${res.status}`);
    const body = Buffer.from(await res.arrayBuffer());
    let token: Buffer;
    try {
      const resp = DerNode.parse(body);
      const status = resp.child(0).child(0).int();
      // 0 granted, 1 granted with modifications.
      if (status > 1) throw new TimestampError(`the timestamp authority refused the request (status ${status})`);
      token = resp.child(1).bytes;
    } catch (err) {
      if (err instanceof TimestampError) throw err;
      throw new TimestampError('the timestamp authority sent something that is not a timestamp response');
    }
    const info = readTimestampToken(token);
    if (!timestampCovers(info, data)) throw new TimestampError('the timestamp covers other data');
    if (info.nonce && !stripZero(info.nonce).equals(stripZero(nonce))) throw new TimestampError('the timestamp answers another request');
    return token;
  };
}

const stripZero = (b: Buffer) => (b[0] === 0 ? b.subarray(1) : b);
