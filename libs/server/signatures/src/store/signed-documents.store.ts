import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { chainRecordOf, DOCUMENT_CHAIN_GENESIS, documentChainHash } from './document-chain';
import { type SignedSubjectKind, SignedDocumentEntity, SigningRequestEntity } from './signature.entities';

export type NewRevision = Omit<SignedDocumentEntity, 'id' | 'chainSeq' | 'prevHash' | 'chainHash' | 'createdAt' | 'updatedAt'>;

/** Another signature landed on the same document first: the new file does not extend the latest revision. */
export class RevisionConflict extends Error {}

/**
 * The signed documents' tables behind named queries. A signed revision is inserted with its chain link in one
 * transaction; the unique (meeting, chain_seq) and (document, revision) indexes make two signings racing on
 * SQLite or PostgreSQL end with one link each or a conflict, never a fork.
 */
@Injectable()
export class SignedDocumentsStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  revisions(kind: SignedSubjectKind, subjectId: string): Promise<SignedDocumentEntity[]> {
    return this.db.getRepository(SignedDocumentEntity).find({ where: { subjectKind: kind, subjectId }, order: { revision: 'ASC' } });
  }

  meetingLinks(meetingId: string): Promise<SignedDocumentEntity[]> {
    return this.db.getRepository(SignedDocumentEntity).find({ where: { meetingId }, order: { chainSeq: 'ASC' } });
  }

  /** Revision 0, the frozen PDF; when another request froze it first, theirs. */
  async insertBase(row: NewRevision): Promise<SignedDocumentEntity> {
    const repo = this.db.getRepository(SignedDocumentEntity);
    const entity = repo.create({ ...row, id: randomUUID(), revision: 0, chainSeq: null, prevHash: null, chainHash: null });
    try {
      await repo.insert(entity);
      return entity;
    } catch (err) {
      const theirs = await repo.findOne({ where: { subjectKind: row.subjectKind, subjectId: row.subjectId, revision: 0 } });
      if (theirs) return theirs;
      throw err;
    }
  }

  /** Adds a signed revision on top of `baseRevision` and links it into the meeting's chain. */
  async appendSigned(row: NewRevision, baseRevision: number, tx?: EntityManager): Promise<SignedDocumentEntity> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await (tx ? this.append(tx, row, baseRevision) : this.db.transaction((m) => this.append(m, row, baseRevision)));
      } catch (err) {
        if (err instanceof RevisionConflict || attempt >= 4) throw err;
        // Another meeting document took the same chain place: read the new end of the chain and try again.
        const latest = await this.db.getRepository(SignedDocumentEntity).findOne({ where: { subjectKind: row.subjectKind, subjectId: row.subjectId }, order: { revision: 'DESC' } });
        if ((latest?.revision ?? -1) !== baseRevision) throw new RevisionConflict('the document has a newer revision');
      }
    }
  }

  private async append(m: EntityManager, row: NewRevision, baseRevision: number): Promise<SignedDocumentEntity> {
    const repo = m.getRepository(SignedDocumentEntity);
    const latest = await repo.findOne({ where: { subjectKind: row.subjectKind, subjectId: row.subjectId }, order: { revision: 'DESC' } });
    if ((latest?.revision ?? -1) !== baseRevision) throw new RevisionConflict('the document has a newer revision');
    const end = await repo
      .createQueryBuilder('d')
      .where('d.meeting_id = :meetingId AND d.chain_seq IS NOT NULL', { meetingId: row.meetingId })
      .orderBy('d.chain_seq', 'DESC')
      .getOne();
    const prevHash = end?.chainHash ?? DOCUMENT_CHAIN_GENESIS;
    const entity = repo.create({ ...row, id: randomUUID(), revision: baseRevision + 1, chainSeq: (end?.chainSeq ?? 0) + 1, prevHash });
    entity.chainHash = documentChainHash(prevHash, chainRecordOf(entity));
    await repo.insert(entity);
    return entity;
  }

  // ---- signing requests ----

  insertRequest(row: SigningRequestEntity): Promise<unknown> {
    return this.db.getRepository(SigningRequestEntity).insert(row);
  }

  requestByTokenHash(tokenHash: string): Promise<SigningRequestEntity | null> {
    return this.db.getRepository(SigningRequestEntity).findOne({ where: { tokenHash } });
  }

  openRequest(kind: SignedSubjectKind, subjectId: string, now: Date): Promise<SigningRequestEntity | null> {
    return this.db
      .getRepository(SigningRequestEntity)
      .createQueryBuilder('r')
      .where('r.subject_kind = :kind AND r.subject_id = :subjectId AND r.status = :open AND r.expires_at > :now', { kind, subjectId, open: 'open', now })
      .orderBy('r.created_at', 'DESC')
      .getOne();
  }

  /** Open → used, once: false when it was used (or cancelled) meanwhile. */
  async markUsed(id: string, at: Date, tx?: EntityManager): Promise<boolean> {
    const res = await (tx ?? this.db.manager)
      .createQueryBuilder()
      .update(SigningRequestEntity)
      .set({ status: 'used', usedAt: at, updatedAt: at })
      .where('id = :id AND status = :open', { id, open: 'open' })
      .execute();
    return !!res.affected;
  }

  async cancelOpen(kind: SignedSubjectKind, subjectId: string): Promise<void> {
    await this.db.getRepository(SigningRequestEntity).update({ subjectKind: kind, subjectId, status: 'open' }, { status: 'cancelled' });
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }
}
