import type { DocumentSignaturesDto, SignatureCheckDto, SignatureProblem, SignatureStatus } from '@phonghop/contracts';
import type { Cert } from '../asn1/certificate';
import { OID } from '../asn1/oids';
import { readTimestampToken, timestampCovers } from '../cms/timestamp';
import { type SignerVerification, verifySignedData } from '../cms/verify-signed-data';
import { checkCertificatePath } from '../trust/certificate-path';
import { findSignatures, type FoundSignature } from './find-signatures';
import type { PdfSource } from './pdf-source';

/** The most serious verdict first: a document shows the worst of its signatures. */
const SEVERITY: SignatureStatus[] = ['invalid', 'changed_after_signing', 'unknown_signer', 'valid'];

/**
 * Checks every signature of a PDF: the signed byte ranges against the CMS message digest, the signature with the
 * signer's key, the certificate path to the operator's trust anchors and its validity at the signing time (the
 * timestamp's when there is a valid one, else the time written in the file), and whether bytes follow the last
 * signature. Null when the file carries no signature.
 */
export async function verifyPdfSignatures(src: PdfSource, anchors: readonly Cert[], now = new Date()): Promise<DocumentSignaturesDto | null> {
  const found = await findSignatures(src);
  if (found.length === 0) return null;
  const lastEnd = Math.max(...found.map((f) => f.coveredEnd));
  const signatures: SignatureCheckDto[] = [];
  for (const [i, sig] of found.entries()) signatures.push(await checkOne(src, sig, i + 1, anchors, sig.coveredEnd === src.size));
  const last = signatures.find((_, i) => found[i].coveredEnd === lastEnd);
  if (lastEnd < src.size && last && last.status !== 'invalid') {
    // Bytes after the newest signature: whoever added them did not sign them.
    last.problems.push('changed_after');
    last.status = worst([last.status, 'changed_after_signing']);
  }
  return { status: worst(signatures.map((s) => s.status)), checkedAt: now.toISOString(), signatures };
}

async function checkOne(src: PdfSource, sig: FoundSignature, index: number, anchors: readonly Cert[], coversWholeDocument: boolean): Promise<SignatureCheckDto> {
  const base: SignatureCheckDto = {
    index,
    status: 'invalid',
    problems: [],
    signerName: sig.name ?? '',
    organisation: null,
    issuerName: '',
    certificateSerial: '',
    certificateSha256: '',
    certificateNotAfter: null,
    trustAnchor: null,
    signedAt: sig.claimedTime?.toISOString() ?? null,
    timeSource: sig.claimedTime ? 'claimed' : 'none',
    level: 'CMS',
    subFilter: sig.subFilter,
    reason: sig.reason,
    coversWholeDocument,
  };
  if (!sig.cms) return { ...base, problems: ['unreadable'] };
  const ranges: [number, number][] = [
    [sig.byteRange[0], sig.byteRange[1]],
    [sig.byteRange[2], sig.byteRange[3]],
  ];
  let v: SignerVerification;
  try {
    v = await verifySignedData(sig.cms, (alg) => src.digest(alg, ranges));
  } catch {
    return { ...base, problems: ['unreadable'] };
  }
  const problems: SignatureProblem[] = [];
  if (!v.signer) return { ...base, problems: ['unreadable'] };
  const signer = v.signer;
  if (!v.digestMatches) problems.push('digest_mismatch');
  if (!v.signatureValid) problems.push('bad_signature');

  const stamp = await checkTimestamp(v, anchors);
  if (stamp === 'invalid') problems.push('timestamp_invalid');
  const at = stamp instanceof Date ? stamp : (sig.claimedTime ?? v.signingTimeAttribute ?? new Date());
  const path = checkCertificatePath(signer, v.certificates, anchors, at);
  if (!path.trusted) problems.push('untrusted_certificate');
  if (!path.validAtTime) problems.push('certificate_not_valid_at_signing');
  if (!signer.maySignDocuments()) problems.push('key_usage');
  const pades = sig.subFilter === 'ETSI.CAdES.detached';
  if (pades && !v.signingCertificateBound) problems.push('signer_certificate_not_bound');

  const broken = problems.some((p) => p !== 'untrusted_certificate');
  return {
    ...base,
    status: broken ? 'invalid' : path.trusted ? 'valid' : 'unknown_signer',
    problems,
    signerName: signer.commonName,
    organisation: signer.organisation,
    issuerName: signer.issuerName,
    certificateSerial: signer.serialHex,
    certificateSha256: signer.fingerprint256,
    certificateNotAfter: signer.notAfter.toISOString(),
    trustAnchor: path.anchorName,
    signedAt: at.toISOString(),
    timeSource: stamp instanceof Date ? 'timestamp' : sig.claimedTime || v.signingTimeAttribute ? 'claimed' : 'none',
    level: pades && v.signingCertificateBound ? (stamp instanceof Date ? 'B-T' : 'B-B') : 'CMS',
  };
}

/**
 * The signature timestamp's time when its token is intact, covers this signature value and comes from a TSA the
 * trust anchors vouch for; 'invalid' when a token is there but fails; null when there is none (or its TSA is unknown).
 */
async function checkTimestamp(v: SignerVerification, anchors: readonly Cert[]): Promise<Date | 'invalid' | null> {
  if (!v.timestampToken) return null;
  try {
    const info = readTimestampToken(v.timestampToken);
    const tsa = await verifySignedData(v.timestampToken);
    if (!tsa.signer || !tsa.digestMatches || !tsa.signatureValid || !timestampCovers(info, v.signatureValue)) return 'invalid';
    if (!(tsa.signer.extendedKeyUsage() ?? []).includes(OID.timeStamping)) return 'invalid';
    const path = checkCertificatePath(tsa.signer, tsa.certificates, anchors, info.genTime);
    if (!path.validAtTime) return 'invalid';
    // An intact token from a TSA nobody here trusts proves no time: the signer's own claim stands instead.
    return path.trusted ? info.genTime : null;
  } catch {
    return 'invalid';
  }
}

export function worst(statuses: SignatureStatus[]): SignatureStatus {
  return SEVERITY.find((s) => statuses.includes(s)) ?? 'valid';
}
