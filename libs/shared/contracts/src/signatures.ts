/**
 * Digital signatures (chữ ký số) on PDFs: what the server found when it checked a document's signatures, and the
 * signing flows for minutes, conclusions and vote results.
 */

/**
 * The verdict a badge shows, one word per signature and one for the document:
 * valid · invalid (the signed bytes or the signature do not check out, or the certificate was not valid when it
 * signed) · unknown_signer (intact, but the certificate does not lead to a trusted CA) · changed_after_signing
 * (intact, but the file has bytes after the last signature).
 */
export const SIGNATURE_STATUSES = ['valid', 'invalid', 'unknown_signer', 'changed_after_signing'] as const;
export type SignatureStatus = (typeof SIGNATURE_STATUSES)[number];

/** Why a signature is not simply valid; stable codes the client translates. */
export const SIGNATURE_PROBLEMS = [
  'unreadable',
  'digest_mismatch',
  'bad_signature',
  'untrusted_certificate',
  'certificate_not_valid_at_signing',
  'key_usage',
  'timestamp_invalid',
  'changed_after',
  'signer_certificate_not_bound',
] as const;
export type SignatureProblem = (typeof SIGNATURE_PROBLEMS)[number];

/** PAdES baseline level reached: B-B (signed), B-T (with a trusted time), or a plain CMS signature. */
export type SignatureLevel = 'B-B' | 'B-T' | 'CMS';

export interface SignatureCheckDto {
  /** 1-based, in the order the signatures were added. */
  index: number;
  status: SignatureStatus;
  problems: SignatureProblem[];
  signerName: string;
  organisation: string | null;
  issuerName: string;
  certificateSerial: string;
  /** SHA-256 of the signer's certificate (its thumbprint). */
  certificateSha256: string;
  certificateNotAfter: string | null;
  /** The trusted CA the certificate leads to. */
  trustAnchor: string | null;
  /** When it was signed: the timestamp's time (B-T), else the time the signer wrote in the file. */
  signedAt: string | null;
  timeSource: 'timestamp' | 'claimed' | 'none';
  level: SignatureLevel;
  subFilter: string;
  reason: string | null;
  /** The signed byte ranges reach the end of the file. */
  coversWholeDocument: boolean;
}

export interface DocumentSignaturesDto {
  status: SignatureStatus;
  checkedAt: string;
  signatures: SignatureCheckDto[];
}

/** What phonghop produces and signs. */
export const SIGNED_DOCUMENT_KINDS = ['minutes', 'conclusions', 'vote_result'] as const;
export type SignedDocumentKind = (typeof SIGNED_DOCUMENT_KINDS)[number];

/** One revision of a signed document: revision 0 is the PDF frozen for signing, each signature adds one. */
export interface SignedRevisionDto {
  revision: number;
  signerKind: 'base' | 'organisation' | 'person';
  signerRole: string | null;
  signerName: string | null;
  signedByName: string | null;
  signedAt: string | null;
  sha256: string;
  sizeBytes: number;
  /** Its link in the meeting's document chain (null for revision 0). */
  chainHash: string | null;
}

export interface SignedDocumentDto {
  meetingId: string;
  kind: SignedDocumentKind;
  /** The minutes version number, or the motion id. */
  ref: string;
  revisions: SignedRevisionDto[];
  /** The latest revision's signatures as checked now. */
  signatures: DocumentSignaturesDto | null;
  /** Roles that have signed (chair, secretary) and those whose area is still empty. */
  signedRoles: string[];
  /** A person's signing request waiting for its result, if any (its links were given to its signer only). */
  openRequest: Pick<SigningRequestDto, 'id' | 'expiresAt' | 'signerRole'> | null;
}

/**
 * A person's signing with their own token through the desktop signing tool. The links carry a one-time secret
 * (no session cookie): `documentUrl` gives the PDF to sign, `contentUrl` the exact bytes a detached CMS must cover
 * (the server prepared the signature field), `hashUrl` their SHA-256 as JSON, and `uploadUrl` takes the result:
 * a signed PDF (application/pdf) or the CMS alone (application/pkcs7-signature).
 */
export interface SigningRequestDto {
  id: string;
  documentUrl: string;
  contentUrl: string;
  hashUrl: string;
  uploadUrl: string;
  expiresAt: string;
  signerRole: string;
  /** The same links in the shape the VGCA Sign Service's browser plugin takes (see `VgcaSignParams`). */
  vgca: VgcaSignParams;
}

/**
 * The parameters web applications hand the Government Cipher Committee's desktop signing tool (VGCA Sign Service)
 * through its browser plugin: `vgca_sign_approved(JSON.stringify(params), callback)` and its siblings
 * (vgca_sign_issued, vgca_sign_copy, …). The tool downloads `FileName` (a URL), signs the PDF on the USB token and
 * posts it as multipart/form-data (file field `uploadfile`) to `FileUploadHandler`, whose JSON answer
 * (`VgcaUploadResult`) it passes on to the callback. Field names as public integrations use them; the vendor's own
 * specification is not public (docs/operations.md, "The VGCA desktop signing tool").
 */
export interface VgcaSignParams {
  FileUploadHandler: string;
  SessionId: string;
  JWTToken: string;
  FileName: string;
  MetaData: { Key: string; Value: string }[];
}

/** The FileUploadHandler's answer: Status 0 when the signed file was taken; otherwise a reason in Message. */
export interface VgcaUploadResult {
  Status: number;
  Message: string;
  FileName: string;
  FileServer: string;
  /** phonghop's stable error code when refused (not part of the tool's shape; the tool ignores it). */
  Code?: string;
}

export interface SigningHashDto {
  algorithm: 'sha256';
  /** Base64 SHA-256 of the byte ranges of the prepared file. */
  digest: string;
  byteRange: [number, number, number, number];
  uploadUrl: string;
}

export interface CreateSigningRequest {
  /** The signer's certificate (PEM or base64 DER) as the token holds it: the result must be signed with it. */
  certificate?: string;
}

export interface DocumentChainLinkDto {
  chainSeq: number;
  kind: SignedDocumentKind;
  ref: string;
  revision: number;
  sha256: string;
  ok: boolean;
  problem: 'broken_link' | 'hash_mismatch' | 'file_missing' | 'file_changed' | null;
}

export interface DocumentChainVerificationDto {
  meetingId: string;
  ok: boolean;
  links: DocumentChainLinkDto[];
}

/** A CA certificate in the operator's trust-anchor folder. */
export interface TrustAnchorDto {
  commonName: string;
  organisation: string | null;
  /** SHA-256 of the certificate. */
  sha256: string;
  notBefore: string;
  notAfter: string;
}

export interface TrustAnchorsDto {
  /** Whether a folder is configured (SIGNATURE_TRUST_DIR). */
  configured: boolean;
  anchors: TrustAnchorDto[];
  /** Files in the folder that could not be read as certificates. */
  problems: string[];
}

/** One stored verdict that changed when it was checked again. */
export interface RecheckedVerdictDto {
  /** What holds the verdict: an uploaded document's version. */
  kind: 'document_version';
  id: string;
  title: string;
  from: SignatureStatus;
  to: SignatureStatus;
}

/** POST /api/admin/trust-anchors/recheck: stored "unknown signer" verdicts checked again against today's anchors. */
export interface TrustAnchorsRecheckDto {
  anchors: number;
  checked: number;
  changed: RecheckedVerdictDto[];
}

