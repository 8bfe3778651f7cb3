import { TimestampedEntity } from '@phonghop/server-database';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export type RecordingStatus = 'recording' | 'processing' | 'ready' | 'failed';

/** One recording of a meeting's conference; the file lives under DATA_DIR/recordings/<meetingId>/. */
@Entity('conference_recording')
export class ConferenceRecordingEntity extends TimestampedEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'meeting_id', type: 'varchar', length: 36 })
  meetingId!: string;

  @Column({ name: 'started_by_id', type: 'varchar', length: 36, nullable: true })
  startedById!: string | null;

  @Column({ name: 'started_at', type: Date })
  startedAt!: Date;

  @Column({ name: 'ended_at', type: Date, nullable: true })
  endedAt!: Date | null;

  @Column({ type: 'varchar', length: 16 })
  status!: RecordingStatus;

  @Column({ name: 'file_name', type: 'varchar', length: 255, nullable: true })
  fileName!: string | null;

  @Column({ name: 'duration_seconds', type: 'integer', default: 0 })
  durationSeconds!: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error!: string | null;
}

export const CONFERENCE_ENTITIES = [ConferenceRecordingEntity];
