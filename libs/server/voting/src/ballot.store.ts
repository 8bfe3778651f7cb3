import { Inject, Injectable, Logger, type OnModuleDestroy, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiError } from '@phonghop/server-core';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager, In } from 'typeorm';
import { type BallotInput, type CastOutcome, canonicalBallot, compare } from './ballot-input';
import { assertOpen, findMotion, findMotionLean, lockMotion, retrying } from './motion-lock';
import { NamedBallots } from './named-ballots';
import { SecretBallots } from './secret-ballots';
import { type MotionStatus, VoteMotionEntity, VoteNamedBallotEntity, VoteSecretChoiceEntity, VoteSecretVoterEntity } from './voting.entity';

export type { BallotInput, CastOutcome } from './ballot-input';

/** The `prev_hash` of a meeting's first closed result. */
export const CHAIN_GENESIS = '0'.repeat(64);

export const BALLOT_STORE_OPTIONS = 'BALLOT_STORE_OPTIONS';

export interface BallotStoreOptions {
  /**
   * k: secret ballots are written in batches of at least k (and whatever is waiting at the close), so nothing
   * written to disk can narrow a voter's choice below k ballots. Default 10.
   */
  secretBatchSize?: number;
  /**
   * At the close, rewrite the motion's secret rows in key order and truncate SQLite's WAL (default true).
   * Only the spec's naive control turns it off, to show that its detector finds the links this removes.
   */
  sealOnClose?: boolean;
}

export interface NamedBallot {
  forUserId: string;
  voterId: string;
  choices: string[];
  weight: string;
  receipt: string;
  updatedAt: Date;
}

/** A secret ballot as stored: what was chosen and its weight, nothing else. */
export interface SecretChoice {
  choices: string[];
  weight: string;
}

export interface NewMotion {
  id?: string;
  meetingId: string;
  itemId?: string | null;
  /** The motion's definition (contract shape), stored as JSON. */
  spec: unknown;
  secret: boolean;
  /** Named ballots only; ignored (false) for a secret motion. */
  allowChange?: boolean;
  countdownSeconds?: number | null;
}

/** What a draft's preparation may change. */
export type DraftChanges = Partial<Pick<NewMotion, 'itemId' | 'spec' | 'secret' | 'allowChange' | 'countdownSeconds'>>;

/** What the close hands to the tally, inside the closing transaction. */
export interface ClosingBallots {
  motion: VoteMotionEntity;
  named: NamedBallot[];
  /** In canonical order (sorted by content). */
  secret: SecretChoice[];
  /** Sorted; published with the result. */
  receipts: string[];
  /** Whose ballots these are, sorted (the final progress: who voted, never how). */
  voters: string[];
  /** The meeting's latest closed result hash, or CHAIN_GENESIS. */
  prevHash: string;
}

export interface SealedResult {
  result: unknown;
  resultHash: string;
}

/**
 * The voting domain's tables. Named ballots: group commits (the casts that arrive together share a transaction),
 * an upsert until the close. Secret ballots:
 * who voted and what was chosen go to two tables that share nothing but the motion, written in batches so that the
 * database files never hold a (voter, choice) link finer than a batch of k ballots while the vote runs, and none
 * at all once it is closed (`SecretBallots`; docs/architecture.md, "Voting", has the argument and its limits).
 * Every cast and the close are conditional on the motion row inside their transaction.
 */
@Injectable()
export class BallotStore implements OnModuleDestroy {
  private readonly secret: SecretBallots;
  private readonly named: NamedBallots;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Optional() @Inject(BALLOT_STORE_OPTIONS) options?: BallotStoreOptions,
  ) {
    const batchSize = Math.max(1, Math.floor(options?.secretBatchSize ?? 10));
    this.secret = new SecretBallots(db, batchSize, options?.sealOnClose ?? true, new Logger(BallotStore.name));
    this.named = new NamedBallots(db);
  }

  // ── motions ──────────────────────────────────────────────────────────────────────────────────────────

  async createMotion(input: NewMotion): Promise<VoteMotionEntity> {
    const id = input.id ?? randomUUID();
    await this.db.getRepository(VoteMotionEntity).insert({
      id,
      meetingId: input.meetingId,
      itemId: input.itemId ?? null,
      spec: JSON.stringify(input.spec ?? {}),
      secret: input.secret,
      allowChange: !input.secret && (input.allowChange ?? true),
      countdownSeconds: input.countdownSeconds ?? null,
      status: 'draft',
    });
    return this.motion(id);
  }

  /** A draft's new definition (conditional on it still being a draft: VOTE_NOT_DRAFT once it opened). */
  async updateDraft(motionId: string, changes: DraftChanges): Promise<VoteMotionEntity> {
    const current = await this.motion(motionId);
    const secret = changes.secret ?? current.secret;
    const set: Partial<VoteMotionEntity> = { secret, allowChange: !secret && (changes.allowChange ?? current.allowChange), updatedAt: new Date() };
    if (changes.itemId !== undefined) set.itemId = changes.itemId;
    if (changes.spec !== undefined) set.spec = JSON.stringify(changes.spec);
    if (changes.countdownSeconds !== undefined) set.countdownSeconds = changes.countdownSeconds;
    const res = await this.db.createQueryBuilder().update(VoteMotionEntity).set(set).where('id = :motionId AND status = :draft', { motionId, draft: 'draft' }).execute();
    if (!res.affected) throw new ApiError('VOTE_NOT_DRAFT');
    return this.motion(motionId);
  }

  async deleteDraft(motionId: string): Promise<void> {
    const res = await this.db.createQueryBuilder().delete().from(VoteMotionEntity).where('id = :motionId AND status = :draft', { motionId, draft: 'draft' }).execute();
    if (!res.affected) throw new ApiError('VOTE_NOT_DRAFT');
  }

  /** A meeting's motions in the order they were prepared. */
  async motionsOf(meetingId: string, statuses?: readonly MotionStatus[]): Promise<VoteMotionEntity[]> {
    const rows = await this.db.getRepository(VoteMotionEntity).find({ where: { meetingId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return statuses ? rows.filter((m) => statuses.includes(m.status)) : rows;
  }

  /** Open motions of every meeting (a restarted server schedules their countdowns again). */
  async openMotions(): Promise<VoteMotionEntity[]> {
    return this.db.getRepository(VoteMotionEntity).findBy({ status: 'open' });
  }

  async motion(motionId: string): Promise<VoteMotionEntity> {
    return findMotion(this.db.manager, motionId);
  }

  /**
   * draft → open (a conditional update; opening an open motion changes nothing), with who may vote and, for a
   * countdown, when it closes.
   */
  async openMotion(motionId: string, opening: { eligible?: string; closesAt?: Date | null; openedAt?: Date } = {}): Promise<VoteMotionEntity> {
    const now = opening.openedAt ?? new Date();
    await this.db
      .createQueryBuilder()
      .update(VoteMotionEntity)
      .set({ status: 'open', openedAt: now, updatedAt: now, eligible: opening.eligible ?? null, closesAt: opening.closesAt ?? null })
      .where('id = :motionId AND status = :draft', { motionId, draft: 'draft' })
      .execute();
    const motion = await this.motion(motionId);
    if (motion.status === 'closed') throw new ApiError('VOTE_CLOSED');
    return motion;
  }

  /**
   * open → closed, in one transaction: writes the secret ballots still waiting, seals the secret rows, hands every
   * stored ballot to `seal` (the tally and the result hash over `prevHash`) and stores its result. A closed motion
   * never changes again.
   */
  async closeMotion(motionId: string, seal: (ballots: ClosingBallots) => SealedResult | Promise<SealedResult>): Promise<VoteMotionEntity> {
    const secret = await this.secret.close(motionId);
    let closed: VoteMotionEntity;
    try {
      closed = await retrying(() =>
        this.db.transaction(async (tx) => {
          const motion = await lockMotion(tx, motionId, 'update');
          if (!motion) throw new ApiError('VOTE_NOT_FOUND');
          assertOpen(motion.status);
          const sealedRows = await secret.write(tx, motion);
          const prevHash = await this.chainHead(tx, motion.meetingId);
          const named = motion.secret ? [] : await this.readNamed(tx, motionId);
          const secretVoters = !motion.secret
            ? []
            : (sealedRows?.voters ?? (await tx.getRepository(VoteSecretVoterEntity).find({ select: { forUserId: true, receipt: true }, where: { motionId } })));
          const holders = motion.secret ? secretVoters : named;
          const sealed = await seal({
            motion,
            named,
            secret: !motion.secret ? [] : sealedRows ? canonicalSecret(sealedRows.choices) : await this.readSecret(tx, motionId),
            receipts: holders.map((b) => b.receipt).sort(compare),
            voters: holders.map((b) => b.forUserId).sort(compare),
            prevHash,
          });
          const closedAt = new Date();
          const closing = { status: 'closed' as const, closedAt, result: JSON.stringify(sealed.result), resultHash: sealed.resultHash, prevHash, updatedAt: closedAt };
          const res = await tx
            .createQueryBuilder()
            .update(VoteMotionEntity)
            .set(closing)
            .where('id = :motionId AND status = :open', { motionId, open: 'open' })
            .execute();
          if (!res.affected) throw new ApiError('VOTE_CLOSED');
          // The row as just written (not read again: its eligibility and result are the largest columns).
          return Object.assign(motion, closing);
        }),
      );
    } catch (e) {
      secret.failed(e);
      throw e;
    }
    await secret.committed(closed);
    return closed;
  }

  // ── casting ──────────────────────────────────────────────────────────────────────────────────────────

  /**
   * A named ballot, written in a group commit conditional on the motion being open (`NamedBallots`): the first one
   * is inserted; another key changes it if the motion allows changes (until the close); the current key answers the
   * stored outcome; an earlier key (a replay) is refused with VOTE_SUPERSEDED and never re-applied.
   */
  async castNamed(input: BallotInput): Promise<CastOutcome> {
    return this.named.cast(canonicalBallot(input));
  }

  /**
   * A secret ballot: accepted now (refused if the motion is not open or this person already has a ballot, unless
   * it is the same submission), confirmed when its batch is committed — when k ballots are waiting, or at the close.
   * It can never be changed. The promise resolves after the commit; VOTE_ALREADY_CAST for a second ballot.
   */
  async castSecret(input: BallotInput, onAccepted?: () => void): Promise<CastOutcome> {
    return this.secret.cast(canonicalBallot(input), onAccepted);
  }

  // ── reading ──────────────────────────────────────────────────────────────────────────────────────────

  async namedBallots(motionId: string): Promise<NamedBallot[]> {
    return this.readNamed(this.db.manager, motionId);
  }

  /**
   * The secret choices of a closed motion, sorted by content (never in storage order), without their keys.
   * Refused before the close (VOTE_STILL_OPEN): nobody sees choices while the vote runs.
   */
  async secretChoices(motionId: string): Promise<SecretChoice[]> {
    const motion = await this.motion(motionId);
    if (!motion.secret) throw new Error('secretChoices called for a named motion');
    if (motion.status !== 'closed') throw new ApiError('VOTE_STILL_OPEN');
    return this.readSecret(this.db.manager, motionId);
  }

  /** Whether this person has a ballot (a secret one accepted and waiting for its batch counts). */
  async hasVoted(motionId: string, forUserId: string): Promise<boolean> {
    if (this.secret.isWaiting(motionId, forUserId)) return true;
    const motion = await findMotionLean(this.db.manager, motionId);
    const entity = motion.secret ? VoteSecretVoterEntity : VoteNamedBallotEntity;
    return (await this.db.getRepository(entity).countBy({ motionId, forUserId })) > 0;
  }

  /**
   * This person's stored ballots among `forUserIds`: the receipt, and for a named vote the choices (a secret
   * ballot's choice is nowhere to be read by person). A secret ballot still waiting for its batch has no receipt yet.
   */
  async ballotsFor(motion: VoteMotionEntity, forUserIds: readonly string[]): Promise<Map<string, { receipt: string; choices: string[] | null }>> {
    const out = new Map<string, { receipt: string; choices: string[] | null }>();
    if (!forUserIds.length) return out;
    if (motion.secret) {
      const rows = await this.db.getRepository(VoteSecretVoterEntity).find({ select: { forUserId: true, receipt: true }, where: { motionId: motion.id, forUserId: In([...forUserIds]) } });
      for (const r of rows) out.set(r.forUserId, { receipt: r.receipt, choices: null });
    } else {
      const rows = await this.db.getRepository(VoteNamedBallotEntity).find({ where: { motionId: motion.id, forUserId: In([...forUserIds]) } });
      for (const r of rows) out.set(r.forUserId, { receipt: r.receipt, choices: JSON.parse(r.choices) as string[] });
    }
    return out;
  }

  async namedBallotOf(motionId: string, forUserId: string): Promise<NamedBallot | null> {
    const row = await this.db.getRepository(VoteNamedBallotEntity).findOneBy({ motionId, forUserId });
    return row ? { forUserId: row.forUserId, voterId: row.voterId, choices: JSON.parse(row.choices) as string[], weight: row.weight, receipt: row.receipt, updatedAt: row.updatedAt } : null;
  }

  /** The named ballots and secret choices stored for a closed motion, for a recount (the chain's verifier). */
  async storedBallots(motion: VoteMotionEntity): Promise<{ named: NamedBallot[]; secret: SecretChoice[] }> {
    if (motion.status !== 'closed') throw new ApiError('VOTE_STILL_OPEN');
    return { named: motion.secret ? [] : await this.readNamed(this.db.manager, motion.id), secret: motion.secret ? await this.readSecret(this.db.manager, motion.id) : [] };
  }

  /** Who has voted, sorted by id (progress: voted / eligible, hall and sites), waiting secret ballots included. */
  async voters(motionId: string): Promise<string[]> {
    // Those waiting are taken before the read: a batch committed meanwhile leaves the waiting set only after its
    // commit, so each ballot is in one or the other (taken after, a batch committed during the read was in neither).
    const ids = new Set(this.secret.waitingVoters(motionId));
    const motion = await findMotionLean(this.db.manager, motionId);
    const entity = motion.secret ? VoteSecretVoterEntity : VoteNamedBallotEntity;
    // Raw rows: 2,000 ids without building 2,000 entities (this runs on every progress tick).
    const rows = await this.db.getRepository(entity).createQueryBuilder('b').select('b.for_user_id', 'id').where('b.motion_id = :motionId', { motionId }).getRawMany<{ id: string }>();
    for (const r of rows) ids.add(r.id);
    return [...ids].sort();
  }

  /** The receipts of the stored ballots, sorted (published with the result; a receipt never names a choice). */
  async receipts(motionId: string): Promise<string[]> {
    return this.readReceipts(this.db.manager, await this.motion(motionId));
  }

  /** On shutdown, secret ballots still waiting for their batch fail (retryable): the tablets resend them. */
  async onModuleDestroy(): Promise<void> {
    await this.secret.shutdown();
  }

  // ── internals ────────────────────────────────────────────────────────────────────────────────────────

  /** The meeting's latest closed result: the one no other motion names as its predecessor. */
  private async chainHead(tx: EntityManager, meetingId: string): Promise<string> {
    const rows = await tx
      .getRepository(VoteMotionEntity)
      .createQueryBuilder('m')
      .select('m.result_hash', 'hash')
      .where('m.meeting_id = :meetingId AND m.status = :closed AND m.result_hash IS NOT NULL', { meetingId, closed: 'closed' })
      .andWhere('NOT EXISTS (SELECT 1 FROM vote_motion n WHERE n.meeting_id = m.meeting_id AND n.prev_hash = m.result_hash)')
      .getRawMany<{ hash: string }>();
    if (rows.length > 1) throw new Error(`The result chain of meeting ${meetingId} has ${rows.length} heads`);
    return rows[0]?.hash ?? CHAIN_GENESIS;
  }

  private async readNamed(em: EntityManager, motionId: string): Promise<NamedBallot[]> {
    // The columns the tally needs, as the entity would have them, without building an entity per ballot.
    const rows = await em
      .getRepository(VoteNamedBallotEntity)
      .createQueryBuilder('b')
      .select(['b.forUserId', 'b.voterId', 'b.choices', 'b.weight', 'b.receipt', 'b.updatedAt'])
      .where('b.motionId = :motionId', { motionId })
      .orderBy('b.forUserId', 'ASC')
      .getMany();
    return rows.map((r) => ({
      forUserId: r.forUserId,
      voterId: r.voterId,
      choices: JSON.parse(r.choices) as string[],
      weight: r.weight,
      receipt: r.receipt,
      updatedAt: r.updatedAt,
    }));
  }

  private async readSecret(em: EntityManager, motionId: string): Promise<SecretChoice[]> {
    return canonicalSecret(await em.getRepository(VoteSecretChoiceEntity).find({ select: { choices: true, weight: true }, where: { motionId } }));
  }

  private async readReceipts(em: EntityManager, motion: VoteMotionEntity): Promise<string[]> {
    const entity = motion.secret ? VoteSecretVoterEntity : VoteNamedBallotEntity;
    const rows = await em.getRepository(entity).find({ select: { receipt: true }, where: { motionId: motion.id } });
    return rows.map((r) => r.receipt).sort();
  }
}

/** Secret choice rows as the tally takes them: parsed and sorted by content (never in storage order). */
function canonicalSecret(rows: readonly { choices: string; weight: string }[]): SecretChoice[] {
  return rows
    .map((r) => ({ sortKey: `${r.choices}\u0000${r.weight}`, choice: { choices: JSON.parse(r.choices) as string[], weight: r.weight } }))
    .sort((a, b) => compare(a.sortKey, b.sortKey))
    .map((r) => r.choice);
}
