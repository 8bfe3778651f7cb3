import { Injectable, Logger } from '@nestjs/common';
import type { SigningHashDto, SigningRequestDto } from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Cert } from '../asn1/certificate';
import { CONTENTS_BYTES_T } from '../pdf/sign-pdf';
import { embedSignature, PdfNotSignableError, prepareSignature, type PreparedPdf, signedBytes } from '../pdf/signature-placeholder';
import { SigningRequestEntity } from '../store/signature.entities';
import { SignedDocumentsStore } from '../store/signed-documents.store';
import { findSignatures } from '../verify/find-signatures';
import { bufferSource } from '../verify/pdf-source';
import { ExternalResultRefused, judgeExternalResult } from './external-result';
import { blockLines, SignedDocumentsService } from './signed-documents.service';
import { SignatureVerifier } from './signature-verifier.service';
import { SIGNING_REASON, type SignerIdentity, type SigningSubject } from './signing-subject';
import { vgcaParams } from './vgca';

/** How long the desktop tool may take between fetching and sending back. */
const REQUEST_TTL_MS = 30 * 60_000;

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/**
 * A person signs with their own USB token through the desktop signing tool. The server hands out one-time links
 * bound to one document revision and one signer: the PDF, the exact bytes (or hash) to sign in a prepared
 * signature field, and an address for the result. The result is verified before it is kept; a link works once.
 */
@Injectable()
export class SigningRequestsService {
  private readonly logger = new Logger('SigningRequests');

  constructor(
    private readonly store: SignedDocumentsStore,
    private readonly documents: SignedDocumentsService,
    private readonly verifier: SignatureVerifier,
  ) {}

  async create(subject: SigningSubject, signer: SignerIdentity, baseUrl: string, certificate?: string): Promise<SigningRequestDto> {
    const pinned = certificate ? parseCertificate(certificate) : null;
    if (pinned && !pinned.maySignDocuments()) throw new ApiError('SIGNATURE_INVALID', [{ field: 'certificate', problem: 'key usage does not allow signing documents' }]);
    await this.documents.requireUnsignedRole(subject, signer.role);
    const { row: base, bytes } = await this.documents.latest(subject);
    const now = new Date();
    let prepared: PreparedPdf;
    try {
      prepared = await prepareSignature(bytes, {
        signedAt: now,
        contentsBytes: CONTENTS_BYTES_T,
        reason: SIGNING_REASON[subject.kind],
        name: pinned?.commonName ?? signer.fullName,
        field: signer.role,
        appearance: { lines: blockLines(pinned?.commonName ?? signer.fullName, signer.title, pinned?.organisation ?? signer.organisation ?? '', now), font: await this.documents.font() },
      });
    } catch (err) {
      if (err instanceof PdfNotSignableError) throw new ApiError('DOCUMENT_NOT_SIGNABLE');
      throw err;
    }
    // One open request per document: a new one replaces the old (its links stop working).
    await this.store.cancelOpen(subject.kind, subject.subjectId);
    const secret = randomBytes(32).toString('base64url');
    const row = Object.assign(new SigningRequestEntity(), {
      id: randomUUID(),
      tokenHash: sha256(secret),
      meetingId: subject.meetingId,
      subjectKind: subject.kind,
      subjectId: subject.subjectId,
      baseRevision: base.revision,
      baseSha256: base.sha256,
      preparedSha256: await this.documents.files.put(prepared.pdf),
      signerUserId: signer.userId,
      signerRole: signer.role,
      signerName: signer.fullName,
      certificateSha256: pinned?.fingerprint256 ?? null,
      status: 'open',
      expiresAt: new Date(now.getTime() + REQUEST_TTL_MS),
      usedAt: null,
    } satisfies Partial<SigningRequestEntity>);
    await this.store.insertRequest(row);
    return requestDto(row, secret, baseUrl);
  }

  /** The file to sign as it was handed out (for tools that sign the PDF themselves). */
  async document(token: string): Promise<Buffer> {
    return this.documents.files.read((await this.open(token)).baseSha256);
  }

  /** The bytes a detached CMS must cover: the prepared file without its /Contents hole. */
  async content(token: string): Promise<Buffer> {
    const prepared = await this.prepared(await this.open(token));
    return signedBytes(prepared.pdf, prepared.byteRange);
  }

  async hash(token: string, baseUrl: string): Promise<SigningHashDto> {
    const req = await this.open(token);
    const prepared = await this.prepared(req);
    return {
      algorithm: 'sha256',
      digest: createHash('sha256').update(signedBytes(prepared.pdf, prepared.byteRange)).digest('base64'),
      byteRange: prepared.byteRange,
      uploadUrl: `${baseUrl}/api/signing/${token}/signed`,
    };
  }

  /**
   * Takes the result: a whole signed PDF, or a CMS for the prepared field. It must pass `judgeExternalResult`;
   * then it becomes the document's next revision and the link stops working (a replay answers 409).
   */
  async accept(token: string, body: Buffer, contentType: string): Promise<void> {
    const req = await this.find(token);
    if (req.status === 'used') throw new ApiError('SIGNING_REQUEST_USED');
    if (req.status !== 'open' || req.expiresAt.getTime() < Date.now()) throw new ApiError('SIGNING_REQUEST_NOT_FOUND');
    const base = await this.documents.files.read(req.baseSha256);
    const isPdf = body.subarray(0, 5).toString('latin1') === '%PDF-' || contentType.includes('pdf');
    let result: Buffer;
    try {
      result = isPdf ? body : embedSignature(await this.prepared(req), body);
    } catch {
      throw new ApiError('SIGNATURE_INVALID', [{ field: 'body', problem: 'the signature does not fit the prepared field' }]);
    }
    const now = new Date();
    let sig;
    try {
      sig = judgeExternalResult(base, result, await this.verifier.verifyBytes(result), { fullName: req.signerName, certificateSha256: req.certificateSha256 }, now);
    } catch (err) {
      if (err instanceof ExternalResultRefused) {
        this.logger.warn({ requestId: req.id, code: err.code, problem: err.problem }, 'a signed result was refused');
        throw new ApiError(err.code, [{ field: 'body', problem: err.problem }]);
      }
      throw err;
    }
    // Only the stored file and the chain are needed here: the document is already printed and frozen.
    const subject: SigningSubject = { meetingId: req.meetingId, kind: req.subjectKind, subjectId: req.subjectId, ref: req.subjectId, render: () => Promise.reject(new Error('frozen')) };
    await this.documents.keep(
      subject,
      req.baseRevision,
      result,
      {
        signerKind: 'person',
        signerUserId: req.signerUserId,
        signerRole: req.signerRole,
        signerName: sig.signerName,
        certificateSerial: sig.certificateSerial,
        certificateIssuer: sig.issuerName,
        signedAt: sig.signedAt ? new Date(sig.signedAt) : now,
      },
      (m) => this.store.markUsed(req.id, now, m),
    );
  }

  async openFor(subject: SigningSubject): Promise<SigningRequestEntity | null> {
    return this.store.openRequest(subject.kind, subject.subjectId, new Date());
  }

  private async find(token: string): Promise<SigningRequestEntity> {
    const req = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await this.store.requestByTokenHash(sha256(token)) : null;
    if (!req) throw new ApiError('SIGNING_REQUEST_NOT_FOUND');
    return req;
  }

  private async open(token: string): Promise<SigningRequestEntity> {
    const req = await this.find(token);
    if (req.status === 'used') throw new ApiError('SIGNING_REQUEST_USED');
    if (req.status !== 'open' || req.expiresAt.getTime() < Date.now()) throw new ApiError('SIGNING_REQUEST_NOT_FOUND');
    return req;
  }

  private async prepared(req: SigningRequestEntity): Promise<PreparedPdf> {
    if (!req.preparedSha256) throw new ApiError('DOCUMENT_NOT_SIGNABLE');
    const pdf = await this.documents.files.read(req.preparedSha256);
    const field = (await findSignatures(bufferSource(pdf))).find((s) => s.coveredEnd === pdf.length);
    if (!field) throw new ApiError('DOCUMENT_NOT_SIGNABLE');
    const r = field.byteRange;
    return { pdf, byteRange: r, contents: { at: r[1], hexLength: r[2] - r[1] - 2 } };
  }
}

function parseCertificate(text: string): Cert {
  try {
    const pem = text.includes('BEGIN CERTIFICATE') ? Cert.fromPem(text)[0] : new Cert(Buffer.from(text.replace(/\s+/g, ''), 'base64'));
    if (!pem) throw new Error('none');
    return pem;
  } catch {
    throw new ApiError('VALIDATION_FAILED', [{ field: 'certificate', problem: 'not an X.509 certificate (PEM or base64 DER)' }]);
  }
}

function requestDto(row: SigningRequestEntity, secret: string, baseUrl: string): SigningRequestDto {
  const at = `${baseUrl}/api/signing/${secret}`;
  return {
    id: row.id,
    documentUrl: `${at}/document`,
    contentUrl: `${at}/content`,
    hashUrl: `${at}/hash`,
    uploadUrl: `${at}/signed`,
    expiresAt: row.expiresAt.toISOString(),
    signerRole: row.signerRole,
    vgca: vgcaParams({ documentUrl: `${at}/document`, vgcaUploadUrl: `${at}/vgca`, requestId: row.id, signerRole: row.signerRole }),
  };
}
