import type { DocumentSignaturesDto, ErrorCode, SignatureCheckDto } from '@phonghop/contracts';

/** What a person's signed result must be before it is kept; each refusal has its stable API code. */
export class ExternalResultRefused extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly problem: string,
  ) {
    super(problem);
  }
}

/** Letters compared without case, accents' encoding (NFC) or repeated spaces: "NGUYỄN  Văn A" = "Nguyễn Văn A". */
export const sameName = (a: string, b: string) => {
  const norm = (s: string) => s.normalize('NFC').toLocaleLowerCase('vi-VN').replace(/\s+/g, ' ').trim();
  return norm(a) === norm(b);
};

export interface ExpectedSigner {
  fullName: string;
  /** SHA-256 of the certificate given when the links were made, if one was. */
  certificateSha256: string | null;
}

/**
 * Judges a person's returned file: it must be the handed-out file with exactly one new signature covering all of
 * it, intact, by a certificate that the trust anchors vouch for, valid when it signed and now, and of the person
 * asked (the certificate given with the request, else one whose name is theirs).
 */
export function judgeExternalResult(base: Buffer, result: Buffer, report: DocumentSignaturesDto | null, expected: ExpectedSigner, now: Date): SignatureCheckDto {
  if (result.length <= base.length || !result.subarray(0, base.length).equals(base)) {
    throw new ExternalResultRefused('SIGNATURE_WRONG_DOCUMENT', 'the result does not extend the document handed out');
  }
  const added = (report?.signatures ?? []).filter((s, i, all) => i >= all.length - 1 && s.coversWholeDocument);
  const earlier = (report?.signatures.length ?? 0) - 1;
  if (added.length !== 1 || earlier < 0) throw new ExternalResultRefused('SIGNATURE_WRONG_DOCUMENT', 'no single new signature covering the whole file');
  const sig = added[0];
  const problems = new Set(sig.problems);
  if (problems.has('unreadable') || problems.has('digest_mismatch') || problems.has('bad_signature') || problems.has('key_usage') || problems.has('timestamp_invalid')) {
    throw new ExternalResultRefused('SIGNATURE_INVALID', [...problems].join(','));
  }
  const notAfter = sig.certificateNotAfter ? new Date(sig.certificateNotAfter) : null;
  if (problems.has('certificate_not_valid_at_signing') || !notAfter || notAfter < now) {
    throw new ExternalResultRefused('SIGNATURE_CERTIFICATE_EXPIRED', 'certificate not valid');
  }
  if (problems.has('untrusted_certificate')) throw new ExternalResultRefused('SIGNATURE_UNTRUSTED', 'untrusted certificate');
  const mine = expected.certificateSha256 ? sig.certificateSha256 === expected.certificateSha256 : sameName(sig.signerName, expected.fullName);
  if (!mine) throw new ExternalResultRefused('SIGNATURE_WRONG_SIGNER', `signed by ${sig.signerName}`);
  return sig;
}
