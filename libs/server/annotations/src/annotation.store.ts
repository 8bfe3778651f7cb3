import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AnnotationEntity, AnnotationOpEntity } from './annotation.entity';

export type OpStatus = 'applied' | 'conflict_copy' | 'rejected';

/** The annotation tables behind named queries. Each op is written with its log row in one transaction. */
@Injectable()
export class AnnotationStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async loggedOp(ownerId: string, opId: string): Promise<AnnotationOpEntity | null> {
    return this.db.getRepository(AnnotationOpEntity).findOneBy({ ownerId, opId });
  }

  async annotation(id: string): Promise<AnnotationEntity | null> {
    return this.db.getRepository(AnnotationEntity).findOneBy({ id });
  }

  /** Every live annotation on a document version (the caller filters what a person may see). */
  async onVersion(documentId: string, version: number): Promise<AnnotationEntity[]> {
    return this.db.getRepository(AnnotationEntity).find({ where: { documentId, version, deleted: false }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /**
   * Runs one op's change and logs it, in one transaction. A second delivery of the same op that raced this one
   * fails on the log's key and is then answered from the log.
   */
  async logged<T>(ownerId: string, opId: string, change: (tx: EntityManager) => Promise<{ status: OpStatus; annotationId: string | null; error?: string; value: T }>): Promise<T> {
    return this.db.transaction(async (tx) => {
      const done = await change(tx);
      await tx.getRepository(AnnotationOpEntity).insert({ ownerId, opId, status: done.status, annotationId: done.annotationId, error: done.error ?? null });
      return done.value;
    });
  }

  /** Annotations carried to a new version; one already there (same derived id) is left as it is. */
  async insertCarried(rows: AnnotationEntity[]): Promise<AnnotationEntity[]> {
    if (!rows.length) return [];
    return this.db.transaction(async (tx) => {
      const repo = tx.getRepository(AnnotationEntity);
      const out: AnnotationEntity[] = [];
      for (const row of rows) {
        if (await repo.existsBy({ id: row.id })) continue;
        const { createdAt: _c, updatedAt: _u, ...fields } = row;
        await repo.insert(fields);
        out.push(await repo.findOneByOrFail({ id: row.id }));
      }
      return out;
    });
  }

  async logRejection(ownerId: string, opId: string, error: string): Promise<void> {
    await this.db.getRepository(AnnotationOpEntity).insert({ ownerId, opId, status: 'rejected', annotationId: null, error });
  }
}
