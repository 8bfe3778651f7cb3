import type { MinutesItemDto, MinutesKind, MinutesStatus } from '@phonghop/contracts';
import { TimestampedEntity } from '@phonghop/server-database';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One version of a meeting's minutes or conclusions; a final one is never written again. */
@Entity('meeting_minutes')
export class MeetingMinutesEntity extends TimestampedEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'meeting_id', type: 'varchar', length: 36 })
  meetingId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: MinutesKind;

  @Column({ type: 'integer' })
  version!: number;

  /** Saves of this version (the optimistic check between secretaries). */
  @Column({ type: 'integer', default: 0 })
  revision!: number;

  @Column({ type: 'varchar', length: 16 })
  status!: MinutesStatus;

  @Column({ type: 'varchar', length: 60 })
  number!: string;

  @Column({ name: 'body_html', type: 'text' })
  bodyHtml!: string;

  /** JSON of MinutesItemDto[] (see `itemsOf`). */
  @Column({ type: 'text' })
  items!: string;

  @Column({ name: 'created_by_id', type: 'varchar', length: 36, nullable: true })
  createdById!: string | null;

  @Column({ name: 'updated_by_id', type: 'varchar', length: 36, nullable: true })
  updatedById!: string | null;

  @Column({ name: 'finalized_at', type: Date, nullable: true })
  finalizedAt!: Date | null;

  @Column({ name: 'finalized_by_id', type: 'varchar', length: 36, nullable: true })
  finalizedById!: string | null;
}

export const MINUTES_ENTITIES = [MeetingMinutesEntity];

export function itemsOf(row: MeetingMinutesEntity): MinutesItemDto[] {
  return JSON.parse(row.items) as MinutesItemDto[];
}
