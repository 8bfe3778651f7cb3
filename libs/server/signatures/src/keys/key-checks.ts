import type { Cert } from '../asn1/certificate';
import { SigningKeyError } from './signing-key';

/**
 * Refuses a certificate that must not sign now: expired or not yet valid, or whose key usage forbids
 * signing documents (digitalSignature or nonRepudiation must be set when key usage is present).
 */
export function checkSigningCertificate(cert: Cert, now: Date): void {
  if (now > cert.notAfter) {
    throw new SigningKeyError('certificate_expired', `the signing certificate "${cert.commonName}" expired on ${cert.notAfter.toISOString()}`);
  }
  if (now < cert.notBefore) {
    throw new SigningKeyError('certificate_not_yet_valid', `the signing certificate "${cert.commonName}" is valid only from ${cert.notBefore.toISOString()}`);
  }
  if (!cert.maySignDocuments()) {
    throw new SigningKeyError('key_usage_missing', `the certificate "${cert.commonName}" lacks the digitalSignature/nonRepudiation key usage`);
  }
}
