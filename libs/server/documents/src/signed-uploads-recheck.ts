import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { DocumentSignaturesDto, RecheckedVerdictDto } from '@phonghop/contracts';
import { type RecheckOutcome, SignatureRechecks, SignatureVerifier } from '@phonghop/server-signatures';
import { In, Like, Repository } from 'typeorm';
import { DocumentEntity, DocumentVersionEntity } from './document.entities';
import { DocumentStorage } from './document-storage';

/**
 * Uploads whose signer was unknown when they arrived are checked again when the trust anchors may have changed
 * (SignatureRechecks: start-up, and an administrator's request): their files are kept byte for byte, so the check
 * is the same one, against today's anchors. A verdict that changed is stored; the others are left as they were.
 */
@Injectable()
export class SignedUploadsRecheck implements OnModuleInit {
  private readonly logger = new Logger('SignedUploadsRecheck');

  constructor(
    @InjectRepository(DocumentVersionEntity) private readonly versions: Repository<DocumentVersionEntity>,
    @InjectRepository(DocumentEntity) private readonly documents: Repository<DocumentEntity>,
    private readonly storage: DocumentStorage,
    private readonly verifier: SignatureVerifier,
    private readonly rechecks: SignatureRechecks,
  ) {}

  onModuleInit(): void {
    this.rechecks.register('documents', () => this.recheck());
  }

  async recheck(): Promise<RecheckOutcome> {
    // Only verdicts that named an untrusted certificate can change with the anchors.
    const rows = await this.versions.find({ where: { signatures: Like('%untrusted_certificate%') }, order: { uploadedAt: 'ASC' } });
    const changed: { row: DocumentVersionEntity; from: DocumentSignaturesDto; to: DocumentSignaturesDto }[] = [];
    for (const row of rows) {
      const from = JSON.parse(row.signatures ?? 'null') as DocumentSignaturesDto | null;
      let to: DocumentSignaturesDto | null;
      try {
        to = await this.verifier.verifyFile(this.storage.blobPath(row.sha256));
      } catch (err) {
        this.logger.warn({ err, versionId: row.id }, 'a signed upload could not be checked again');
        continue;
      }
      if (!from || !to || sameVerdict(from, to)) continue;
      // Only if nobody changed the row meanwhile (the same verdict as read).
      const res = await this.versions.update({ id: row.id, signatures: row.signatures ?? '' }, { signatures: JSON.stringify(to) });
      if (res.affected) changed.push({ row, from, to });
    }
    const titles = new Map((await this.documents.find({ where: { id: In(changed.map((c) => c.row.documentId)) } })).map((d) => [d.id, d.title]));
    return {
      checked: rows.length,
      changed: changed.map(({ row, from, to }): RecheckedVerdictDto => ({ kind: 'document_version', id: row.id, title: titles.get(row.documentId) ?? '', from: from.status, to: to.status })),
    };
  }
}

/** The same findings, whenever they were checked. */
function sameVerdict(a: DocumentSignaturesDto, b: DocumentSignaturesDto): boolean {
  return JSON.stringify({ ...a, checkedAt: '' }) === JSON.stringify({ ...b, checkedAt: '' });
}
