import type { Cert } from '../asn1/certificate';

/** Why an organisation key cannot sign; each maps to a stable API error code. */
export type SigningKeyProblem =
  | 'not_configured'
  | 'unreadable'
  | 'wrong_password'
  | 'no_key'
  | 'key_certificate_mismatch'
  | 'certificate_expired'
  | 'certificate_not_yet_valid'
  | 'key_usage_missing'
  | 'unsupported_algorithm'
  | 'token_unavailable';

/** A key that cannot be used, with an operator-facing explanation that never contains the secret. */
export class SigningKeyError extends Error {
  constructor(
    readonly problem: SigningKeyProblem,
    message: string,
  ) {
    super(message);
    this.name = 'SigningKeyError';
  }
}

/**
 * A private key with its certificate, wherever it lives (a PKCS#12 file, a PKCS#11 token, a person's token via
 * the desktop tool). `sign` receives the bytes to sign and hashes them itself with SHA-256.
 */
export interface SigningKey {
  /** The signer's certificate first, then any issuers the key's source holds. */
  readonly chain: Cert[];
  readonly keyType: 'rsa' | 'ec';
  /** Where the key lives, for logs and errors: never a secret. */
  readonly source: string;
  /** SHA-256 then RSA PKCS#1 v1.5 or ECDSA (DER-encoded signature). */
  sign(data: Buffer): Promise<Buffer>;
  close?(): Promise<void>;
}
