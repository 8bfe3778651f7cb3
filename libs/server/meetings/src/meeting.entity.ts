import type { MeetingKind, MeetingRole, MeetingStatus } from '@phonghop/contracts';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity('meeting')
export class MeetingEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 500 })
  title!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: MeetingKind;

  @Column({ type: 'varchar', length: 32 })
  status!: MeetingStatus;

  @Column({ name: 'starts_at', type: Date })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: Date, nullable: true })
  endsAt!: Date | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  location!: string | null;

  @Column({ name: 'organiser_unit_id', type: 'varchar', length: 36, nullable: true })
  organiserUnitId!: string | null;

  @Column({ name: 'created_by_id', type: 'varchar', length: 36, nullable: true })
  createdById!: string | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}

@Entity('meeting_participant')
export class MeetingParticipantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'meeting_id', type: 'varchar', length: 36 })
  meetingId!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Column({ name: 'meeting_role', type: 'varchar', length: 32 })
  meetingRole!: MeetingRole;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
