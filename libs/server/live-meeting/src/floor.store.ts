import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type AttendanceEntry, type FloorState, emptyFloor } from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { RecordEvent } from './floor-rules';
import { AttendanceEntity, MeetingFloorEntity, RecordEventEntity } from './live-meeting.entity';

export interface StoredFloor {
  state: FloorState;
  version: number;
}

/** An attendance row to write: the entry everyone sees, plus who recorded it and the hosts-only reason. */
export interface AttendanceWrite {
  entry: AttendanceEntry;
  reason: string | null;
  recordedById: string | null;
}

const newCheckInCode = () => randomBytes(12).toString('base64url');

/**
 * The live meeting's tables, behind named queries. The floor is one row per meeting; every change is a conditional
 * write on its version (a second process that changed it first makes this one retry), in one transaction with
 * the running record's events, so a crash never leaves a speaker without the record of their speech.
 */
@Injectable()
export class FloorStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async floor(meetingId: string): Promise<StoredFloor> {
    const row = await this.row(meetingId);
    return { state: { ...emptyFloor(), ...(JSON.parse(row.state) as Partial<FloorState>) }, version: row.version };
  }

  async checkInCode(meetingId: string): Promise<string> {
    return (await this.row(meetingId)).checkInCode;
  }

  /** A new check-in code (the old QR stops working), e.g. when a photo of the screen went round. */
  async renewCheckInCode(meetingId: string): Promise<string> {
    await this.row(meetingId);
    const code = newCheckInCode();
    await this.db.getRepository(MeetingFloorEntity).update({ meetingId }, { checkInCode: code, updatedAt: new Date() });
    return code;
  }

  /** Writes the new state if nobody wrote since `version`; returns the new version or throws FLOOR_CONFLICT. */
  async writeFloor(meetingId: string, version: number, state: FloorState, events: readonly RecordEvent[]): Promise<number> {
    const next = version + 1;
    await this.db.transaction(async (tx) => {
      const res = await tx
        .createQueryBuilder()
        .update(MeetingFloorEntity)
        .set({ state: JSON.stringify(state), version: next, updatedAt: new Date() })
        .where('meeting_id = :meetingId AND version = :version', { meetingId, version })
        .execute();
      if (!res.affected) throw new ApiError('FLOOR_CONFLICT');
      await this.record(tx, meetingId, next, events);
    });
    return next;
  }

  async attendance(meetingId: string): Promise<AttendanceEntity[]> {
    return this.db.getRepository(AttendanceEntity).findBy({ meetingId });
  }

  async attendanceFor(meetingId: string, userIds: readonly string[]): Promise<AttendanceEntity[]> {
    return userIds.length ? this.db.getRepository(AttendanceEntity).findBy({ meetingId, userId: In([...userIds]) }) : [];
  }

  /** Upserts rows (one per person: a check-in sent twice is stored once) and removes `cleared`, with their events. */
  async writeAttendance(meetingId: string, writes: readonly AttendanceWrite[], cleared: readonly string[], events: readonly RecordEvent[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      const repo = tx.getRepository(AttendanceEntity);
      if (writes.length) {
        await repo.upsert(
          writes.map(({ entry, reason, recordedById }) => ({
            meetingId,
            userId: entry.userId,
            status: entry.status,
            method: entry.method,
            siteId: entry.siteId,
            siteName: entry.siteName,
            reason,
            recordedById,
            at: new Date(entry.at),
          })),
          ['meetingId', 'userId'],
        );
      }
      for (const userId of cleared) await repo.delete({ meetingId, userId });
      await this.record(tx, meetingId, 0, events);
    });
  }

  private async record(tx: EntityManager, meetingId: string, floorVersion: number, events: readonly RecordEvent[]): Promise<void> {
    if (!events.length) return;
    await tx.insert(
      RecordEventEntity,
      events.map((e) => ({ id: randomUUID(), meetingId, floorVersion, kind: e.kind, at: new Date(e.at), data: JSON.stringify(e.data) })),
    );
  }

  /** The running record in order (for the minutes and the statistics). */
  async events(meetingId: string): Promise<RecordEventEntity[]> {
    return this.db.getRepository(RecordEventEntity).find({ where: { meetingId }, order: { at: 'ASC', floorVersion: 'ASC' } });
  }

  /** The floor row, made on first use (two first uses at once: the second insert is ignored). */
  private async row(meetingId: string): Promise<MeetingFloorEntity> {
    const repo = this.db.getRepository(MeetingFloorEntity);
    const found = await repo.findOneBy({ meetingId });
    if (found) return found;
    await repo
      .createQueryBuilder()
      .insert()
      .values({ meetingId, version: 0, state: JSON.stringify(emptyFloor()), checkInCode: newCheckInCode() })
      .orIgnore()
      .execute();
    return repo.findOneByOrFail({ meetingId });
  }
}
