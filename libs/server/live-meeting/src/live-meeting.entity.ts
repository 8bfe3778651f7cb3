import type { AttendanceStatus, CheckInMethod } from '@phonghop/contracts';
import { TimestampedEntity } from '@phonghop/server-database';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One meeting's floor: its state as JSON with a version bumped by every change (a conditional write). */
@Entity('meeting_floor')
export class MeetingFloorEntity extends TimestampedEntity {
  @PrimaryColumn({ name: 'meeting_id', type: 'varchar', length: 36 })
  meetingId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'text' })
  state!: string;

  /** The secret behind the hall's check-in QR: seeing the display proves being in the hall. */
  @Column({ name: 'check_in_code', type: 'varchar', length: 64 })
  checkInCode!: string;
}

@Entity('meeting_attendance')
export class AttendanceEntity {
  @PrimaryColumn({ name: 'meeting_id', type: 'varchar', length: 36 })
  meetingId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: AttendanceStatus;

  @Column({ type: 'varchar', length: 16 })
  method!: CheckInMethod;

  @Column({ name: 'site_id', type: 'varchar', length: 36, nullable: true })
  siteId!: string | null;

  @Column({ name: 'site_name', type: 'varchar', length: 255, nullable: true })
  siteName!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason!: string | null;

  @Column({ name: 'recorded_by_id', type: 'varchar', length: 36, nullable: true })
  recordedById!: string | null;

  @Column({ type: Date })
  at!: Date;
}

/** The running record of a meeting, in order: the minutes are written beside it. */
@Entity('meeting_record_event')
export class RecordEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'meeting_id', type: 'varchar', length: 36 })
  meetingId!: string;

  /** The floor version the event was written with (several events may share one change). */
  @Column({ name: 'floor_version', type: 'integer' })
  floorVersion!: number;

  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  @Column({ type: Date })
  at!: Date;

  @Column({ type: 'text' })
  data!: string;
}

/** A hall's display screen: opened with a token (only its SHA-256 is stored), revocable, one meeting only. */
@Entity('meeting_display')
export class MeetingDisplayEntity extends TimestampedEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'meeting_id', type: 'varchar', length: 36 })
  meetingId!: string;

  @Column({ type: 'varchar', length: 120 })
  label!: string;

  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ name: 'created_by_id', type: 'varchar', length: 36, nullable: true })
  createdById!: string | null;

  @Column({ name: 'revoked_at', type: Date, nullable: true })
  revokedAt!: Date | null;
}

export const LIVE_MEETING_ENTITIES = [MeetingFloorEntity, AttendanceEntity, RecordEventEntity, MeetingDisplayEntity];
