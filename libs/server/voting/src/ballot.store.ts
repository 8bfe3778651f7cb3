import { Inject, Injectable, Logger, type OnModuleDestroy, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiError } from '@phonghop/server-core';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, type EntityManager, In } from 'typeorm';
import { type MotionStatus, VoteMotionEntity, VoteNamedBallotEntity, VoteSecretChoiceEntity, VoteSecretVoterEntity } from './voting.entity';

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

/** One submission from a tablet. `forUserId` is whose vote it is; `voterId` who cast it (a proxy differs). */
export interface BallotInput {
  motionId: string;
  forUserId: string;
  voterId: string;
  /** Option keys; stored sorted and without repeats (the order in which they were ticked is not kept). */
  choices: readonly string[];
  /** A decimal string (vote weights); "1" without weights. */
  weight: string;
  /** Chosen by the tablet per submission; sending it again answers the stored outcome. */
  submissionKey: string;
}

export interface CastOutcome {
  receipt: string;
  /** True when this answered an earlier submission with the same key (nothing new was written). */
  repeated: boolean;
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
}

/** What the close hands to the tally, inside the closing transaction. */
export interface ClosingBallots {
  motion: VoteMotionEntity;
  named: NamedBallot[];
  /** In canonical order (sorted by content). */
  secret: SecretChoice[];
  /** Sorted; published with the result. */
  receipts: string[];
  /** The meeting's latest closed result hash, or CHAIN_GENESIS. */
  prevHash: string;
}

export interface SealedResult {
  result: unknown;
  resultHash: string;
}

/** A secret ballot accepted but not yet written (its batch is still filling). */
interface Waiting {
  forUserId: string;
  voterId: string;
  submissionKey: string;
  receipt: string;
  choices: string;
  weight: string;
  outcome: Promise<CastOutcome>;
  settle(outcome: CastOutcome): void;
  fail(error: unknown): void;
}

interface SecretPool {
  waiting: Waiting[];
  /** Waiting and being written, by for_user_id: a retry joins, a second ballot is refused. */
  known: Map<string, Waiting>;
  writes: Set<Promise<void>>;
  closing: boolean;
}

type Answer = { w: Waiting; outcome: CastOutcome } | { w: Waiting; error: unknown };

/** Thrown inside a transaction that lost a race (PostgreSQL): the whole transaction is tried again. */
class Retry extends Error {}

const CHUNK = 200;
const SUBMISSION_KEY = /^[A-Za-z0-9_-]{8,64}$/;
const WEIGHT = /^\d{1,12}(\.\d{1,6})?$/;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The voting domain's tables. Named ballots: one transaction per cast, an upsert until the close. Secret ballots:
 * who voted and what was chosen go to two tables that share nothing but the motion, and are written so that the
 * database files never hold a (voter, choice) link finer than a batch of k ballots while the vote runs, and none
 * at all once it is closed. Every cast and the close are conditional on the motion row inside their transaction.
 *
 * Why batches (docs/architecture.md, "Voting", has the whole argument and its limits): anything written to disk
 * at the moment a voter votes can be matched with that moment. SQLite's WAL holds each commit's page images in commit order, and even a WITHOUT ROWID
 * page places each new cell below the previous one, so the byte position of a choice gives its insertion order.
 * A choice written in the voter's own transaction, or right after it, is therefore linked to them by anyone who
 * copies the files. So a secret ballot waits in memory until k are waiting (or the close), then one transaction
 * writes the batch: voters sorted by id, choices sorted by fresh random keys. Its `castSecret` promise — the
 * tablet's confirmation — resolves only after that commit, so a crash never loses a confirmed ballot; an
 * unconfirmed one is still on the tablet, which resends it with the same submission key. The close writes the
 * rest, rewrites the motion's secret rows in key order with SQLite's secure_delete on (no cell keeps its
 * insertion position, freed bytes are zeroed) and truncates the WAL.
 */
@Injectable()
export class BallotStore implements OnModuleDestroy {
  private readonly log = new Logger(BallotStore.name);
  private readonly batchSize: number;
  private readonly sealOnClose: boolean;
  private readonly pools = new Map<string, SecretPool>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Optional() @Inject(BALLOT_STORE_OPTIONS) options?: BallotStoreOptions,
  ) {
    this.batchSize = Math.max(1, Math.floor(options?.secretBatchSize ?? 10));
    this.sealOnClose = options?.sealOnClose ?? true;
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
      status: 'draft',
    });
    return this.motion(id);
  }

  async motion(motionId: string): Promise<VoteMotionEntity> {
    const found = await this.db.getRepository(VoteMotionEntity).findOneBy({ id: motionId });
    if (!found) throw new ApiError('VOTE_NOT_FOUND');
    return found;
  }

  /** draft → open (a conditional update; opening an open motion changes nothing). */
  async openMotion(motionId: string): Promise<VoteMotionEntity> {
    const now = new Date();
    await this.db
      .createQueryBuilder()
      .update(VoteMotionEntity)
      .set({ status: 'open', openedAt: now, updatedAt: now })
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
    const pool = this.poolOf(motionId);
    if (pool.closing) throw new ApiError('VOTE_CLOSED');
    pool.closing = true; // from here on, new secret ballots are refused and none can be left behind
    await Promise.allSettled([...pool.writes]);
    const batch = pool.waiting.splice(0);
    let answers: Answer[] = [];
    let closed: VoteMotionEntity;
    try {
      closed = await this.retrying(() =>
        this.db.transaction(async (tx) => {
          const motion = await this.lockMotion(tx, motionId, 'update');
          if (!motion) throw new ApiError('VOTE_NOT_FOUND');
          assertOpen(motion.status);
          answers = batch.length ? await this.insertSecret(tx, motionId, batch) : [];
          if (motion.secret && this.sealOnClose) await this.rewriteInKeyOrder(tx, motionId);
          const prevHash = await this.chainHead(tx, motion.meetingId);
          const sealed = await seal({
            motion,
            named: motion.secret ? [] : await this.readNamed(tx, motionId),
            secret: motion.secret ? await this.readSecret(tx, motionId) : [],
            receipts: await this.readReceipts(tx, motion),
            prevHash,
          });
          const closedAt = new Date();
          const res = await tx
            .createQueryBuilder()
            .update(VoteMotionEntity)
            .set({ status: 'closed', closedAt, result: JSON.stringify(sealed.result), resultHash: sealed.resultHash, prevHash, updatedAt: closedAt })
            .where('id = :motionId AND status = :open', { motionId, open: 'open' })
            .execute();
          if (!res.affected) throw new ApiError('VOTE_CLOSED');
          return tx.getRepository(VoteMotionEntity).findOneByOrFail({ id: motionId });
        }),
      );
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VOTE_CLOSED') {
        for (const w of batch) this.answer(pool, { w, error: e }); // closed elsewhere first: these came too late
      } else {
        pool.closing = false;
        pool.waiting.unshift(...batch);
      }
      throw e;
    }
    this.settle(pool, answers);
    if (closed.secret && this.sealOnClose) await this.truncateWal();
    return closed;
  }

  // ── casting ──────────────────────────────────────────────────────────────────────────────────────────

  /**
   * A named ballot, in one transaction conditional on the motion being open: the first one is inserted; another
   * key changes it if the motion allows changes (until the close); the current key answers the stored outcome;
   * an earlier key (a replay) is refused with VOTE_SUPERSEDED and never re-applied.
   */
  async castNamed(input: BallotInput): Promise<CastOutcome> {
    const b = canonicalBallot(input);
    return this.retrying(() =>
      this.db.transaction(async (tx) => {
        const motion = await this.lockMotion(tx, b.motionId, 'share');
        if (!motion) throw new ApiError('VOTE_NOT_FOUND');
        if (motion.secret) throw new Error('castNamed called for a secret motion');
        const repo = tx.getRepository(VoteNamedBallotEntity);
        const existing = await repo.findOneBy({ motionId: b.motionId, forUserId: b.forUserId });
        if (existing?.submissionKey === b.submissionKey) return { receipt: existing.receipt, repeated: true };
        const superseded = existing ? (JSON.parse(existing.supersededKeys) as string[]) : [];
        if (superseded.includes(b.submissionKey)) throw new ApiError('VOTE_SUPERSEDED');
        assertOpen(motion.status);
        const updatedAt = new Date();
        const fields = { voterId: b.voterId, choices: b.choices, weight: b.weight, submissionKey: b.submissionKey, updatedAt };
        if (!existing) {
          const receipt = newReceipt();
          await repo.insert({ motionId: b.motionId, forUserId: b.forUserId, ...fields, supersededKeys: '[]', receipt });
          return { receipt, repeated: false };
        }
        if (!motion.allowChange) throw new ApiError('VOTE_ALREADY_CAST');
        const res = await tx
          .createQueryBuilder()
          .update(VoteNamedBallotEntity)
          .set({ ...fields, supersededKeys: JSON.stringify([...superseded, existing.submissionKey]) })
          .where('motion_id = :motionId AND for_user_id = :forUserId AND submission_key = :key', {
            motionId: b.motionId,
            forUserId: b.forUserId,
            key: existing.submissionKey,
          })
          .execute();
        if (!res.affected) throw new Retry();
        return { receipt: existing.receipt, repeated: false };
      }),
    );
  }

  /**
   * A secret ballot: accepted now (refused if the motion is not open or this person already has a ballot, unless
   * it is the same submission), confirmed when its batch is committed — when k ballots are waiting, or at the close.
   * It can never be changed. The promise resolves after the commit; VOTE_ALREADY_CAST for a second ballot.
   */
  async castSecret(input: BallotInput): Promise<CastOutcome> {
    const b = canonicalBallot(input);
    const pool = this.poolOf(b.motionId); // never replaced: a close marks this very object
    const joined = join(pool, b);
    if (joined) return joined;
    if (pool.closing) throw new ApiError('VOTE_CLOSED');
    const motion = await this.motion(b.motionId);
    if (!motion.secret) throw new Error('castSecret called for a named motion');
    const stored = await this.db.getRepository(VoteSecretVoterEntity).findOneBy({ motionId: b.motionId, forUserId: b.forUserId });
    if (stored) {
      if (stored.submissionKey === b.submissionKey) return { receipt: stored.receipt, repeated: true };
      throw new ApiError('VOTE_ALREADY_CAST');
    }
    assertOpen(motion.status);
    // From here to the return nothing awaits, so no close or flush can come in between.
    const joinedLate = join(pool, b);
    if (joinedLate) return joinedLate;
    if (pool.closing) throw new ApiError('VOTE_CLOSED');
    const w = waiting(b, newReceipt());
    pool.waiting.push(w);
    pool.known.set(w.forUserId, w);
    if (pool.waiting.length >= this.batchSize) this.flush(b.motionId, pool);
    return w.outcome;
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
    if (this.pools.get(motionId)?.known.has(forUserId)) return true;
    const motion = await this.motion(motionId);
    const entity = motion.secret ? VoteSecretVoterEntity : VoteNamedBallotEntity;
    return (await this.db.getRepository(entity).countBy({ motionId, forUserId })) > 0;
  }

  /** Who has voted, sorted by id (progress: voted / eligible, hall and sites), waiting secret ballots included. */
  async voters(motionId: string): Promise<string[]> {
    const motion = await this.motion(motionId);
    const entity = motion.secret ? VoteSecretVoterEntity : VoteNamedBallotEntity;
    const rows = await this.db.getRepository(entity).find({ select: { forUserId: true }, where: { motionId } });
    const ids = new Set(rows.map((r) => r.forUserId));
    for (const id of this.pools.get(motionId)?.known.keys() ?? []) ids.add(id);
    return [...ids].sort();
  }

  /** The receipts of the stored ballots, sorted (published with the result; a receipt never names a choice). */
  async receipts(motionId: string): Promise<string[]> {
    return this.readReceipts(this.db.manager, await this.motion(motionId));
  }

  /** On shutdown, secret ballots still waiting for their batch fail (retryable): the tablets resend them. */
  async onModuleDestroy(): Promise<void> {
    for (const pool of this.pools.values()) {
      for (const w of pool.waiting.splice(0)) this.answer(pool, { w, error: new ApiError('SERVICE_UNAVAILABLE') });
    }
    await Promise.allSettled([...this.pools.values()].flatMap((p) => [...p.writes]));
  }

  // ── internals ────────────────────────────────────────────────────────────────────────────────────────

  /** A motion's pool, made on first use and kept (a few bytes per motion): a close marks this very object. */
  private poolOf(motionId: string): SecretPool {
    let pool = this.pools.get(motionId);
    if (!pool) {
      pool = { waiting: [], known: new Map(), writes: new Set(), closing: false };
      this.pools.set(motionId, pool);
    }
    return pool;
  }

  private flush(motionId: string, pool: SecretPool): void {
    const batch = pool.waiting.splice(0);
    const write: Promise<void> = this.writeBatch(motionId, batch, pool).finally(() => pool.writes.delete(write));
    pool.writes.add(write);
  }

  private async writeBatch(motionId: string, batch: Waiting[], pool: SecretPool): Promise<void> {
    try {
      const answers = await this.retrying(() =>
        this.db.transaction(async (tx) => {
          const motion = await this.lockMotion(tx, motionId, 'share');
          if (!motion) throw new ApiError('VOTE_NOT_FOUND');
          assertOpen(motion.status);
          return this.insertSecret(tx, motionId, batch);
        }),
      );
      this.settle(pool, answers);
    } catch (e) {
      for (const w of batch) this.answer(pool, { w, error: e });
    }
  }

  /**
   * Writes a batch of secret ballots: voter rows sorted by person, choice rows sorted by fresh random keys, so the
   * order inside the batch says nothing. A person who already has a row (another process, or a restart) is
   * answered from it instead.
   */
  private async insertSecret(tx: EntityManager, motionId: string, batch: readonly Waiting[]): Promise<Answer[]> {
    const existing = new Map<string, VoteSecretVoterEntity>();
    for (const ids of chunks(batch.map((w) => w.forUserId))) {
      for (const row of await tx.getRepository(VoteSecretVoterEntity).findBy({ motionId, forUserId: In(ids) })) existing.set(row.forUserId, row);
    }
    const fresh = batch.filter((w) => !existing.has(w.forUserId));
    const voters = fresh
      .map((w) => ({ motionId, forUserId: w.forUserId, voterId: w.voterId, submissionKey: w.submissionKey, receipt: w.receipt }))
      .sort((a, b) => compare(a.forUserId, b.forUserId));
    const choices = fresh
      .map((w) => ({ motionId, ballotKey: randomBytes(16).toString('hex'), choices: w.choices, weight: w.weight }))
      .sort((a, b) => compare(a.ballotKey, b.ballotKey));
    for (const part of chunks(voters)) await tx.insert(VoteSecretVoterEntity, part);
    for (const part of chunks(choices)) await tx.insert(VoteSecretChoiceEntity, part);
    return batch.map((w): Answer => {
      const row = existing.get(w.forUserId);
      if (!row) return { w, outcome: { receipt: w.receipt, repeated: false } };
      return row.submissionKey === w.submissionKey ? { w, outcome: { receipt: row.receipt, repeated: true } } : { w, error: new ApiError('VOTE_ALREADY_CAST') };
    });
  }

  /**
   * Deletes and re-inserts the motion's secret rows in key order with secure_delete on: every cell of these tables
   * then sits where its key puts it, whatever batch it came in, and the bytes it used to occupy are zeroed.
   * (PostgreSQL: the live tuples end up in key order with one xmin; dead tuples stay until VACUUM — see docs/architecture.md.)
   */
  private async rewriteInKeyOrder(tx: EntityManager, motionId: string): Promise<void> {
    const sqlite = this.db.options.type === 'better-sqlite3';
    const before = sqlite ? Number(((await tx.query('PRAGMA secure_delete')) as { secure_delete: number }[])[0]?.secure_delete ?? 0) : 0;
    if (sqlite) await tx.query('PRAGMA secure_delete = ON');
    try {
      const voters = await tx.getRepository(VoteSecretVoterEntity).find({ where: { motionId } });
      const choices = await tx.getRepository(VoteSecretChoiceEntity).find({ where: { motionId } });
      await tx.delete(VoteSecretVoterEntity, { motionId });
      await tx.delete(VoteSecretChoiceEntity, { motionId });
      for (const part of chunks(voters.sort((a, b) => compare(a.forUserId, b.forUserId)))) await tx.insert(VoteSecretVoterEntity, part);
      for (const part of chunks(choices.sort((a, b) => compare(a.ballotKey, b.ballotKey)))) await tx.insert(VoteSecretChoiceEntity, part);
    } finally {
      if (sqlite && before !== 1) await tx.query(`PRAGMA secure_delete = ${before === 2 ? 'FAST' : 'OFF'}`);
    }
  }

  /**
   * Moves everything in SQLite's WAL into the database file and cuts the WAL to zero bytes (a PASSIVE checkpoint
   * would leave the old frames — the batches' page images — readable in the file until overwritten). It cannot
   * run inside a transaction, so it waits for a moment when none is open on the one connection.
   */
  private async truncateWal(): Promise<boolean> {
    const conn = (this.db.driver as unknown as { databaseConnection?: NativeSqlite }).databaseConnection;
    if (this.db.options.type !== 'better-sqlite3' || !conn) return false;
    for (let attempt = 0; attempt < 200; attempt++) {
      if (!conn.inTransaction) {
        const [r] = conn.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
        if (r && !r.busy) return true;
      }
      await new Promise((resolve) => setTimeout(resolve, attempt < 20 ? 5 : 50));
    }
    this.log.warn('The WAL could not be truncated after a secret vote; it will be on the next checkpoint.');
    return false;
  }

  /**
   * The motion row, read inside the transaction the write depends on. PostgreSQL: FOR SHARE for a cast (casts
   * run side by side, a close waits for them and they see its result) and FOR UPDATE for the close. SQLite's
   * transactions take turns, so a plain read is already exclusive.
   */
  private lockMotion(tx: EntityManager, motionId: string, mode: 'share' | 'update'): Promise<VoteMotionEntity | null> {
    const qb = tx.getRepository(VoteMotionEntity).createQueryBuilder('m').where('m.id = :motionId', { motionId });
    if (this.db.options.type === 'postgres') qb.setLock(mode === 'share' ? 'pessimistic_read' : 'pessimistic_write');
    return qb.getOne();
  }

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
    const rows = await em.getRepository(VoteNamedBallotEntity).find({ where: { motionId }, order: { forUserId: 'ASC' } });
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
    const rows = await em.getRepository(VoteSecretChoiceEntity).find({ select: { choices: true, weight: true }, where: { motionId } });
    return rows
      .map((r) => ({ sortKey: `${r.choices}\u0000${r.weight}`, choice: { choices: JSON.parse(r.choices) as string[], weight: r.weight } }))
      .sort((a, b) => compare(a.sortKey, b.sortKey))
      .map((r) => r.choice);
  }

  private async readReceipts(em: EntityManager, motion: VoteMotionEntity): Promise<string[]> {
    const entity = motion.secret ? VoteSecretVoterEntity : VoteNamedBallotEntity;
    const rows = await em.getRepository(entity).find({ select: { receipt: true }, where: { motionId: motion.id } });
    return rows.map((r) => r.receipt).sort();
  }

  private settle(pool: SecretPool, answers: readonly Answer[]): void {
    for (const a of answers) this.answer(pool, a);
  }

  private answer(pool: SecretPool, a: Answer): void {
    if (pool.known.get(a.w.forUserId) === a.w) pool.known.delete(a.w.forUserId);
    if ('outcome' in a) a.w.settle(a.outcome);
    else a.w.fail(a.error);
  }

  /** Runs a transaction again when it lost a race to another process (PostgreSQL unique key or conditional write). */
  private async retrying<T>(run: () => Promise<T>, attempts = 4): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run();
      } catch (e) {
        if (attempt >= attempts || !(e instanceof Retry || isUniqueViolation(e))) throw e;
      }
    }
  }
}

interface NativeSqlite {
  inTransaction: boolean;
  pragma(source: string): unknown;
}

interface CanonicalBallot {
  motionId: string;
  forUserId: string;
  voterId: string;
  choices: string;
  weight: string;
  submissionKey: string;
}

function canonicalBallot(input: BallotInput): CanonicalBallot {
  for (const id of [input.motionId, input.forUserId, input.voterId]) {
    if (typeof id !== 'string' || !id || id.length > 36) throw new Error(`Not an id: ${String(id)}`);
  }
  if (typeof input.submissionKey !== 'string' || !SUBMISSION_KEY.test(input.submissionKey)) {
    throw new ApiError('VALIDATION_FAILED', [{ field: 'submissionKey', problem: '8–64 letters, digits, - or _' }]);
  }
  if (!Array.isArray(input.choices) || input.choices.length > 200 || input.choices.some((c) => typeof c !== 'string' || !c || c.length > 64)) {
    throw new ApiError('VALIDATION_FAILED', [{ field: 'choices', problem: 'up to 200 option keys' }]);
  }
  if (typeof input.weight !== 'string' || !WEIGHT.test(input.weight)) throw new Error(`Not a weight: ${String(input.weight)}`);
  return {
    motionId: input.motionId,
    forUserId: input.forUserId,
    voterId: input.voterId,
    choices: JSON.stringify([...new Set(input.choices)].sort(compare)),
    weight: normalDecimal(input.weight),
    submissionKey: input.submissionKey,
  };
}

/** "007.50" → "7.5": one spelling per weight, so the spelling cannot mark a ballot. */
function normalDecimal(value: string): string {
  const [int, frac = ''] = value.split('.');
  const i = int.replace(/^0+(?=\d)/, '');
  const f = frac.replace(/0+$/, '');
  return f ? `${i}.${f}` : i;
}

function join(pool: SecretPool, b: CanonicalBallot): Promise<CastOutcome> | null {
  const w = pool.known.get(b.forUserId);
  if (!w) return null;
  if (w.submissionKey !== b.submissionKey) throw new ApiError('VOTE_ALREADY_CAST');
  return w.outcome.then((o) => ({ ...o, repeated: true }));
}

function waiting(b: CanonicalBallot, receipt: string): Waiting {
  let settle!: (o: CastOutcome) => void;
  let fail!: (e: unknown) => void;
  const outcome = new Promise<CastOutcome>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  return { forUserId: b.forUserId, voterId: b.voterId, submissionKey: b.submissionKey, receipt, choices: b.choices, weight: b.weight, outcome, settle, fail };
}

function assertOpen(status: MotionStatus): void {
  if (status === 'draft') throw new ApiError('VOTE_NOT_OPEN');
  if (status === 'closed') throw new ApiError('VOTE_CLOSED');
}

/** 60 random bits in Crockford base32, "XXXX-XXXX-XXXX": easy to read aloud and to compare on paper. */
function newReceipt(): string {
  let n = randomBytes(8).readBigUInt64BE() >> 4n;
  let s = '';
  for (let i = 0; i < 12; i++) {
    s = CROCKFORD[Number(n & 31n)] + s;
    n >>= 5n;
  }
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string }; message?: string } | null;
  const code = err?.driverError?.code ?? err?.code;
  return code === '23505' || (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT_PRIMARYKEY')) || /UNIQUE constraint failed/.test(String(err?.message));
}

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
