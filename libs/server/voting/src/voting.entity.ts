import { TimestampedEntity } from '@phonghop/server-database';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export type MotionStatus = 'draft' | 'open' | 'closed';

/** One vote of a meeting. Once closed its result never changes; `prev_hash` chains it to the meeting's previous result. */
@Entity('vote_motion')
export class VoteMotionEntity extends TimestampedEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'meeting_id', type: 'varchar', length: 36 })
  meetingId!: string;

  @Column({ name: 'item_id', type: 'varchar', length: 36, nullable: true })
  itemId!: string | null;

  /** Options, majority rule, countdown: JSON in the contract's shape (the store does not read it). */
  @Column({ type: 'text' })
  spec!: string;

  @Column({ type: 'boolean', default: false })
  secret!: boolean;

  /** Named ballots may be changed until the close; a secret ballot never can (that would need the link). */
  @Column({ name: 'allow_change', type: 'boolean', default: true })
  allowChange!: boolean;

  @Column({ type: 'varchar', length: 16 })
  status!: MotionStatus;

  @Column({ name: 'opened_at', type: Date, nullable: true })
  openedAt!: Date | null;

  @Column({ name: 'closed_at', type: Date, nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  result!: string | null;

  @Column({ name: 'result_hash', type: 'varchar', length: 64, nullable: true })
  resultHash!: string | null;

  @Column({ name: 'prev_hash', type: 'varchar', length: 64, nullable: true })
  prevHash!: string | null;

  /** Seconds from opening to the automatic close; null when the chair closes it. */
  @Column({ name: 'countdown_seconds', type: 'integer', nullable: true })
  countdownSeconds!: number | null;

  @Column({ name: 'closes_at', type: Date, nullable: true })
  closesAt!: Date | null;

  /** Who may vote, fixed when it opens (JSON `EligibleVoter[]`): members present then, and who carries each ballot. */
  @Column({ type: 'text', nullable: true })
  eligible!: string | null;
}

/** A meeting's voting rules (defaults for its motions) and its members' vote weights. */
@Entity('vote_settings')
export class VoteSettingsEntity extends TimestampedEntity {
  @PrimaryColumn({ name: 'meeting_id', type: 'varchar', length: 36 })
  meetingId!: string;

  @Column({ type: 'text' })
  rules!: string;

  @Column({ type: 'text' })
  weights!: string;
}

/** A named (open) ballot: who voted for whom, what, and the receipt. Linkable by design; changed until the close. */
@Entity('vote_named_ballot')
export class VoteNamedBallotEntity {
  @PrimaryColumn({ name: 'motion_id', type: 'varchar', length: 36 })
  motionId!: string;

  /** The person whose vote this is (the proxy's principal, or the voter). */
  @PrimaryColumn({ name: 'for_user_id', type: 'varchar', length: 36 })
  forUserId!: string;

  /** Who cast it (differs from `forUserId` for a proxy). */
  @Column({ name: 'voter_id', type: 'varchar', length: 36 })
  voterId!: string;

  @Column({ type: 'text' })
  choices!: string;

  @Column({ type: 'varchar', length: 32 })
  weight!: string;

  @Column({ name: 'submission_key', type: 'varchar', length: 64 })
  submissionKey!: string;

  @Column({ name: 'superseded_keys', type: 'text' })
  supersededKeys!: string;

  @Column({ type: 'varchar', length: 16 })
  receipt!: string;

  @Column({ name: 'updated_at', type: Date })
  updatedAt!: Date;
}

/** Who has voted in a secret ballot (so nobody votes twice) and their receipt. Nothing here points at a choice. */
@Entity({ name: 'vote_secret_voter', withoutRowid: true })
export class VoteSecretVoterEntity {
  @PrimaryColumn({ name: 'motion_id', type: 'varchar', length: 36 })
  motionId!: string;

  @PrimaryColumn({ name: 'for_user_id', type: 'varchar', length: 36 })
  forUserId!: string;

  @Column({ name: 'voter_id', type: 'varchar', length: 36 })
  voterId!: string;

  @Column({ name: 'submission_key', type: 'varchar', length: 64 })
  submissionKey!: string;

  @Column({ type: 'varchar', length: 16 })
  receipt!: string;
}

/** What was chosen in a secret ballot, under a random key: no voter, no time, no order. */
@Entity({ name: 'vote_secret_choice', withoutRowid: true })
export class VoteSecretChoiceEntity {
  @PrimaryColumn({ name: 'motion_id', type: 'varchar', length: 36 })
  motionId!: string;

  @PrimaryColumn({ name: 'ballot_key', type: 'varchar', length: 32 })
  ballotKey!: string;

  @Column({ type: 'text' })
  choices!: string;

  @Column({ type: 'varchar', length: 32 })
  weight!: string;
}

export const VOTING_ENTITIES = [VoteMotionEntity, VoteSettingsEntity, VoteNamedBallotEntity, VoteSecretVoterEntity, VoteSecretChoiceEntity];
