import { createHash } from 'node:crypto';
import { padesCms, type TimestampSource } from '../cms/pades-cms';
import { checkSigningCertificate } from '../keys/key-checks';
import type { SigningKey } from '../keys/signing-key';
import { embedSignature, type PlaceholderOptions, prepareSignature, type PreparedPdf, signedBytes } from './signature-placeholder';

/** Room for a CMS with a three-certificate RSA-4096 chain (B-B), and for a timestamp token with its own chain (B-T). */
export const CONTENTS_BYTES_B = 16 * 1024;
export const CONTENTS_BYTES_T = 32 * 1024;

export interface SignPdfOptions extends Omit<PlaceholderOptions, 'contentsBytes' | 'signedAt'> {
  signedAt?: Date;
  /** An RFC 3161 timestamp authority: the signature becomes PAdES B-T. */
  timestamp?: TimestampSource;
}

/** The SHA-256 a signature must cover: the prepared file without its /Contents hole. */
export function byteRangeDigest(prepared: PreparedPdf): Buffer {
  return createHash('sha256').update(signedBytes(prepared.pdf, prepared.byteRange)).digest();
}

/**
 * Signs a PDF as PAdES baseline B-B (B-T with a timestamp authority) in an incremental update. The certificate is
 * checked first, so an expired certificate or one that may not sign never produces a signature.
 */
export async function signPdf(pdf: Buffer, key: SigningKey, opts: SignPdfOptions = {}): Promise<Buffer> {
  const signedAt = opts.signedAt ?? new Date();
  checkSigningCertificate(key.chain[0], signedAt);
  const prepared = await prepareSignature(pdf, { ...opts, signedAt, contentsBytes: opts.timestamp ? CONTENTS_BYTES_T : CONTENTS_BYTES_B });
  const cms = await padesCms(byteRangeDigest(prepared), key, opts.timestamp);
  return embedSignature(prepared, cms);
}
