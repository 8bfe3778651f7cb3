import { Inject, Injectable, Logger } from '@nestjs/common';
import type { DocumentChainVerificationDto, SignedDocumentDto, SignedRevisionDto } from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import { readFile } from 'node:fs/promises';
import type { EntityManager } from 'typeorm';
import { TimestampError, httpTimestamps } from '../cms/timestamp';
import { displayDate } from '../pdf/pdf-date';
import { signPdf } from '../pdf/sign-pdf';
import { PdfNotSignableError } from '../pdf/signature-placeholder';
import { verifyDocumentChain } from '../store/document-chain';
import type { SignedDocumentEntity } from '../store/signature.entities';
import { SignedFiles } from '../store/signed-files';
import { RevisionConflict, SignedDocumentsStore } from '../store/signed-documents.store';
import { SigningKeyError } from '../keys/signing-key';
import { OrganisationKeyService, signingKeyApiError } from './organisation-key.service';
import { SignatureVerifier } from './signature-verifier.service';
import { DEFAULT_SIGNATURE_FONT, SIGNATURES_OPTIONS, type SignaturesOptions } from './signatures.options';
import { SIGNING_REASON, type SignerIdentity, type SigningSubject } from './signing-subject';

/**
 * Documents phonghop signs: the PDF is printed once and frozen (revision 0), and every signature — the
 * organisation key's, or a person's through the desktop tool — is a new revision in an incremental update, checked
 * before it is kept and linked into the meeting's document chain. Nothing stored is ever rewritten.
 */
@Injectable()
export class SignedDocumentsService {
  private readonly logger = new Logger('SignedDocuments');
  readonly files: SignedFiles;

  constructor(
    @Inject(SIGNATURES_OPTIONS) private readonly options: SignaturesOptions,
    private readonly store: SignedDocumentsStore,
    private readonly orgKey: OrganisationKeyService,
    private readonly verifier: SignatureVerifier,
  ) {
    this.files = new SignedFiles(options.dataDir);
  }

  async state(subject: SigningSubject, names: Map<string, string>, openRequest: SignedDocumentDto['openRequest']): Promise<SignedDocumentDto> {
    const revisions = await this.store.revisions(subject.kind, subject.subjectId);
    const latest = revisions[revisions.length - 1];
    const signatures = latest && latest.revision > 0 ? await this.verifier.verifyBytes(await this.files.read(latest.sha256)) : null;
    return {
      meetingId: subject.meetingId,
      kind: subject.kind,
      ref: subject.ref,
      revisions: revisions.map((r) => revisionDto(r, names)),
      signatures,
      signedRoles: [...new Set(revisions.filter((r) => r.revision > 0 && r.signerRole).map((r) => r.signerRole as string))],
      openRequest,
    };
  }

  /** Users named in a document's revisions (their names come from the identity domain). */
  async signerIds(subject: SigningSubject): Promise<string[]> {
    return (await this.store.revisions(subject.kind, subject.subjectId)).map((r) => r.signerUserId).filter((x): x is string => !!x);
  }

  /** The newest revision's file when the document was frozen for signing; null while it was not. */
  async newest(kind: SignedDocumentEntity['subjectKind'], subjectId: string): Promise<{ row: SignedDocumentEntity; bytes: Buffer } | null> {
    const row = (await this.store.revisions(kind, subjectId)).at(-1);
    return row ? { row, bytes: await this.files.read(row.sha256) } : null;
  }

  /** The newest revision's file (revision 0 when nobody signed yet), frozen now if it was not. */
  async latest(subject: SigningSubject): Promise<{ row: SignedDocumentEntity; bytes: Buffer }> {
    const revisions = await this.store.revisions(subject.kind, subject.subjectId);
    const row = revisions[revisions.length - 1] ?? (await this.freeze(subject));
    return { row, bytes: await this.files.read(row.sha256) };
  }

  /** The organisation key signs in `signer`'s signature area; the block names them, their title and the time. */
  async signWithOrganisation(subject: SigningSubject, signer: SignerIdentity): Promise<SignedDocumentEntity> {
    const now = new Date();
    const { row: base, bytes } = await this.latest(subject);
    await this.requireUnsignedRole(subject, signer.role);
    const key = await this.orgKey.use(now);
    let signed: Buffer;
    try {
      signed = await signPdf(bytes, key, {
        signedAt: now,
        reason: SIGNING_REASON[subject.kind],
        name: key.chain[0].commonName,
        field: signer.role,
        appearance: { lines: blockLines(signer.fullName, signer.title, key.chain[0].organisation ?? key.chain[0].commonName, now), font: await this.font() },
        timestamp: this.options.tsaUrl ? httpTimestamps(this.options.tsaUrl) : undefined,
      });
    } catch (err) {
      if (err instanceof SigningKeyError) throw signingKeyApiError(err);
      if (err instanceof TimestampError) {
        this.logger.error({ reason: err.message }, 'the timestamp authority failed');
        throw new ApiError('SIGNING_TIMESTAMP_FAILED');
      }
      if (err instanceof PdfNotSignableError) throw new ApiError('DOCUMENT_NOT_SIGNABLE');
      throw err;
    }
    const report = await this.verifier.verifyBytes(signed);
    const mine = report?.signatures[report.signatures.length - 1];
    if (!mine || mine.problems.some((p) => p !== 'untrusted_certificate')) {
      // Never keep what does not verify (a token that signs with another key, a broken chain file, …).
      this.logger.error({ problems: mine?.problems }, 'the organisation signature does not verify; not kept');
      throw new ApiError('SIGNING_KEY_UNAVAILABLE');
    }
    return this.keep(subject, base.revision, signed, {
      signerKind: 'organisation',
      signerUserId: signer.userId,
      signerRole: signer.role,
      signerName: mine.signerName,
      certificateSerial: mine.certificateSerial,
      certificateIssuer: mine.issuerName,
      signedAt: now,
    });
  }

  /** Stores a new signed revision on top of `baseRevision` and links it into the chain (409 when someone was first). */
  async keep(
    subject: SigningSubject,
    baseRevision: number,
    signed: Buffer,
    who: Pick<SignedDocumentEntity, 'signerKind' | 'signerUserId' | 'signerRole' | 'signerName' | 'certificateSerial' | 'certificateIssuer' | 'signedAt'>,
    onKept?: (m: EntityManager) => Promise<boolean>,
  ): Promise<SignedDocumentEntity> {
    const sha256 = await this.files.put(signed);
    try {
      return await this.store.transaction(async (m) => {
        if (onKept && !(await onKept(m))) throw new ApiError('SIGNING_REQUEST_USED');
        return this.store.appendSigned({ meetingId: subject.meetingId, subjectKind: subject.kind, subjectId: subject.subjectId, revision: baseRevision + 1, sha256, sizeBytes: signed.length, ...who }, baseRevision, m);
      });
    } catch (err) {
      if (err instanceof RevisionConflict) throw new ApiError('SIGNING_REQUEST_OPEN', [{ field: 'revision', problem: 'signed by someone else meanwhile' }]);
      throw err;
    }
  }

  async requireUnsignedRole(subject: SigningSubject, role: string): Promise<void> {
    const revisions = await this.store.revisions(subject.kind, subject.subjectId);
    if (revisions.some((r) => r.revision > 0 && r.signerRole === role)) throw new ApiError('SIGNATURE_ALREADY_THERE');
  }

  /** Checks a meeting's document chain: links, hashes, and every signed file on disk. */
  async verifyChain(meetingId: string): Promise<DocumentChainVerificationDto> {
    const links = await verifyDocumentChain(await this.store.meetingLinks(meetingId), (sha) => this.files.hashOnDisk(sha));
    return { meetingId, ok: links.every((l) => l.ok), links };
  }

  async font(): Promise<Buffer> {
    return readFile(this.options.fontFile ?? DEFAULT_SIGNATURE_FONT);
  }

  private async freeze(subject: SigningSubject): Promise<SignedDocumentEntity> {
    const pdf = Buffer.from(await subject.render());
    const sha256 = await this.files.put(pdf);
    return this.store.insertBase({
      meetingId: subject.meetingId,
      subjectKind: subject.kind,
      subjectId: subject.subjectId,
      revision: 0,
      sha256,
      sizeBytes: pdf.length,
      signerKind: 'base',
      signerUserId: null,
      signerRole: null,
      signerName: null,
      certificateSerial: null,
      certificateIssuer: null,
      signedAt: null,
    });
  }
}

/** The visible block: name, title, organisation, time (Vietnam time). */
export function blockLines(name: string, title: string, organisation: string, at: Date): string[] {
  return [`Ký bởi: ${name}`, `Chức vụ: ${title}`, `Cơ quan: ${organisation}`, `Thời gian: ${displayDate(at)}`];
}

function revisionDto(r: SignedDocumentEntity, names: Map<string, string>): SignedRevisionDto {
  return {
    revision: r.revision,
    signerKind: r.signerKind,
    signerRole: r.signerRole,
    signerName: r.signerName,
    signedByName: r.signerUserId ? (names.get(r.signerUserId) ?? null) : null,
    signedAt: r.signedAt?.toISOString() ?? null,
    sha256: r.sha256,
    sizeBytes: r.sizeBytes,
    chainHash: r.chainHash,
  };
}
