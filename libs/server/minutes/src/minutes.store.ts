import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MinutesKind } from '@phonghop/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { MeetingMinutesEntity } from './minutes.entity';

/** A draft's new content and who saved it. */
export interface DraftChanges {
  bodyHtml: string;
  number: string;
  items: string;
  updatedById: string;
}

/**
 * The minutes table behind named queries. Versions are rows; every write to a row is conditional (a draft's
 * revision, its status), so two secretaries or two finalizes racing cannot both win, on SQLite or PostgreSQL.
 */
@Injectable()
export class MinutesStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** The newest version, draft or final. */
  latest(meetingId: string, kind: MinutesKind, tx?: EntityManager): Promise<MeetingMinutesEntity | null> {
    return this.repo(tx).findOne({ where: { meetingId, kind }, order: { version: 'DESC' } });
  }

  latestFinal(meetingId: string, kind: MinutesKind): Promise<MeetingMinutesEntity | null> {
    return this.repo().findOne({ where: { meetingId, kind, status: 'final' }, order: { version: 'DESC' } });
  }

  version(meetingId: string, kind: MinutesKind, version: number): Promise<MeetingMinutesEntity | null> {
    return this.repo().findOne({ where: { meetingId, kind, version } });
  }

  /** Every version, newest first. */
  versions(meetingId: string, kind: MinutesKind): Promise<MeetingMinutesEntity[]> {
    return this.repo().find({ where: { meetingId, kind }, order: { version: 'DESC' } });
  }

  /** Inserts a new version; false when that version number was taken meanwhile (another secretary started it). */
  async insert(row: MeetingMinutesEntity): Promise<boolean> {
    try {
      await this.repo().insert(row);
      return true;
    } catch (err) {
      if (await this.repo().exists({ where: { meetingId: row.meetingId, kind: row.kind, version: row.version } })) return false;
      throw err;
    }
  }

  /** Writes a draft if it is still a draft at `revision`; the revision goes up by one. False when it was not. */
  async updateDraft(tx: EntityManager, row: MeetingMinutesEntity, changes: DraftChanges): Promise<boolean> {
    const res = await tx
      .createQueryBuilder()
      .update(MeetingMinutesEntity)
      .set({ ...changes, revision: row.revision + 1, updatedAt: new Date() })
      .where('id = :id AND revision = :revision AND status = :draft', { id: row.id, revision: row.revision, draft: 'draft' })
      .execute();
    return !!res.affected;
  }

  /** Makes a draft final if it still is a draft (and, when given, still at `revision`). False when it was not. */
  async finalize(row: MeetingMinutesEntity, byId: string, at: Date, revision?: number): Promise<boolean> {
    const qb = this.db
      .createQueryBuilder()
      .update(MeetingMinutesEntity)
      .set({ status: 'final', finalizedAt: at, finalizedById: byId, updatedAt: at })
      .where('id = :id AND status = :draft', { id: row.id, draft: 'draft' });
    if (revision !== undefined) qb.andWhere('revision = :revision', { revision });
    return !!(await qb.execute()).affected;
  }

  private repo(tx?: EntityManager) {
    return (tx ?? this.db.manager).getRepository(MeetingMinutesEntity);
  }
}
