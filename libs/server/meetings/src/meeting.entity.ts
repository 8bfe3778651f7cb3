import type { ConfidentialityLevel, MeetingKind, MeetingRole, MeetingStatus, RsvpState } from '@phonghop/contracts';
import { TimestampedEntity } from '@phonghop/server-database';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('meeting')
export class MeetingEntity extends TimestampedEntity {
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

  @Column({ type: 'varchar', length: 32, default: 'normal' })
  confidentiality!: ConfidentialityLevel;

  @Column({ type: 'varchar', length: 4000, nullable: true })
  description!: string | null;

  @Column({ name: 'cancel_reason', type: 'varchar', length: 1000, nullable: true })
  cancelReason!: string | null;

  @Column({ name: 'published_at', type: Date, nullable: true })
  publishedAt!: Date | null;

  /** The upper-level server's meeting whose conference this one's is linked to (cascade), if any. */
  @Column({ name: 'upper_meeting_id', type: 'varchar', length: 36, nullable: true })
  upperMeetingId!: string | null;
}

@Entity('meeting_participant')
export class MeetingParticipantEntity extends TimestampedEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'meeting_id', type: 'varchar', length: 36 })
  meetingId!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Column({ name: 'meeting_role', type: 'varchar', length: 32 })
  meetingRole!: MeetingRole;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  rsvp!: RsvpState;

  @Column({ name: 'decline_reason', type: 'varchar', length: 1000, nullable: true })
  declineReason!: string | null;

  @Column({ name: 'delegate_user_id', type: 'varchar', length: 36, nullable: true })
  delegateUserId!: string | null;

  @Column({ name: 'represents_user_id', type: 'varchar', length: 36, nullable: true })
  representsUserId!: string | null;

  @Column({ name: 'responded_at', type: Date, nullable: true })
  respondedAt!: Date | null;
}

@Entity('meeting_unit')
export class MeetingUnitEntity {
  @PrimaryColumn({ name: 'meeting_id', type: 'varchar', length: 36 })
  meetingId!: string;

  @PrimaryColumn({ name: 'unit_id', type: 'varchar', length: 36 })
  unitId!: string;
}

@Entity('meeting_site')
export class MeetingSiteEntity {
  @PrimaryColumn({ name: 'meeting_id', type: 'varchar', length: 36 })
  meetingId!: string;

  @PrimaryColumn({ name: 'site_id', type: 'varchar', length: 36 })
  siteId!: string;
}

@Entity('agenda_item')
export class AgendaItemEntity extends TimestampedEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'meeting_id', type: 'varchar', length: 36 })
  meetingId!: string;

  @Column({ name: 'parent_id', type: 'varchar', length: 36, nullable: true })
  parentId!: string | null;

  @Column({ type: 'integer', default: 0 })
  position!: number;

  @Column({ type: 'varchar', length: 500 })
  title!: string;

  @Column({ type: 'varchar', length: 4000, nullable: true })
  description!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  presenter!: string | null;

  @Column({ name: 'planned_minutes', type: 'integer', nullable: true })
  plannedMinutes!: number | null;
}
