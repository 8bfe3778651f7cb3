import type { Logger } from '@nestjs/common';
import { ApiError, nextTurnDetached } from '@phonghop/server-core';
import { randomBytes } from 'node:crypto';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { type CanonicalBallot, type CastOutcome, chunks, compare, newReceipt } from './ballot-input';
import { assertOpen, findMotionLean, lockMotion, retrying } from './motion-lock';
import { type VoteMotionEntity, VoteSecretChoiceEntity, VoteSecretVoterEntity } from './voting.entity';

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

/** A cast waiting for its group's check against the motion and the stored voters. */
interface Admission {
  b: CanonicalBallot;
  /** Told when the ballot joins the waiting pool (it then counts as voted, before its batch is written). */
  onAccepted?: () => void;
  admit(outcome: CastOutcome | Promise<CastOutcome>): void;
  refuse(error: unknown): void;
}

/** At most this many casts are checked together (the IN list of one read). */
const ADMISSION_GROUP = 200;

interface SecretPool {
  admitting: Admission[];
  admissionRunning: boolean;
  waiting: Waiting[];
  /** Waiting and being written, by for_user_id: a retry joins, a second ballot is refused. */
  known: Map<string, Waiting>;
  writes: Set<Promise<void>>;
  closing: boolean;
}

type Answer = { w: Waiting; outcome: CastOutcome } | { w: Waiting; error: unknown };

/** A secret motion's rows as the seal put them back: what the close tallies, without reading them again. */
export interface SealedSecretRows {
  voters: { forUserId: string; receipt: string }[];
  choices: { choices: string; weight: string }[];
}

/** A close in progress, as `BallotStore.closeMotion` drives it around its transaction. */
export interface SecretClose {
  /**
   * Inside the closing transaction (again on each retry): writes what was waiting; seals a secret motion's rows and
   * returns them as sealed (null when there is nothing to seal: a named motion, or sealing turned off).
   */
  write(tx: EntityManager, motion: VoteMotionEntity): Promise<SealedSecretRows | null>;
  /** After the commit: confirms the last batch, then truncates the WAL if the motion is secret. */
  committed(closed: VoteMotionEntity): Promise<void>;
  /** The close failed: closed elsewhere first, the last batch is refused; otherwise it waits again. */
  failed(error: unknown): void;
}

/**
 * The secret ballots waiting in memory, one pool per motion, and how they reach the disk. Anything written at the
 * moment a voter votes can be matched with that moment (SQLite's WAL keeps commits in order, and a page places each
 * new cell below the previous one), so a ballot waits until k are waiting (or the close), then one transaction
 * writes the batch: voters sorted by id, choices sorted by fresh random keys. One batch is written at a time, so
 * under load the next holds everything that arrived meanwhile (larger batches, fewer commits). Casts arriving
 * together are checked against the store together (`admitAll`). Its promise — the tablet's confirmation — resolves only after that commit, so a crash never loses a confirmed ballot; an unconfirmed one is
 * still on the tablet, which resends it with the same submission key. The close writes the rest, rewrites the
 * motion's secret rows in key order with secure_delete on and truncates the WAL. docs/architecture.md ("Voting").
 */
export class SecretBallots {
  private readonly pools = new Map<string, SecretPool>();

  constructor(
    private readonly db: DataSource,
    private readonly batchSize: number,
    private readonly sealOnClose: boolean,
    private readonly log: Logger,
  ) {}

  /**
   * Accepts a ballot (refused if the motion is not open or this person already has a ballot, unless it is the
   * same submission); the promise resolves once its batch is committed.
   */
  async cast(b: CanonicalBallot, onAccepted?: () => void): Promise<CastOutcome> {
    const pool = this.poolOf(b.motionId); // never replaced: a close marks this very object
    const joined = join(pool, b);
    if (joined) return joined;
    if (pool.closing) throw new ApiError('VOTE_CLOSED');
    return new Promise<CastOutcome>((admit, refuse) => {
      pool.admitting.push({ b, admit, refuse, onAccepted });
      // The next turn: the casts already read from the sockets in this turn of the event loop are checked together.
      if (!pool.admissionRunning) {
        pool.admissionRunning = true;
        nextTurnDetached(() => void this.admitAll(b.motionId, pool));
      }
    });
  }

  /**
   * Checks the casts that arrived together against the motion and the stored voters in two reads, however many
   * they are, then accepts or refuses each in arrival order.
   */
  private async admitAll(motionId: string, pool: SecretPool): Promise<void> {
    while (pool.admitting.length) {
      const group = pool.admitting.splice(0, ADMISSION_GROUP);
      let motion: VoteMotionEntity;
      const stored = new Map<string, VoteSecretVoterEntity>();
      try {
        motion = await findMotionLean(this.db.manager, motionId);
        if (!motion.secret) throw new Error('castSecret called for a named motion');
        for (const ids of chunks([...new Set(group.map((g) => g.b.forUserId))])) {
          for (const row of await this.db.getRepository(VoteSecretVoterEntity).findBy({ motionId, forUserId: In(ids) })) stored.set(row.forUserId, row);
        }
      } catch (e) {
        for (const g of group) g.refuse(e);
        continue;
      }
      // From here to the flush nothing awaits, so no close or flush can come in between.
      const accepted: (() => void)[] = [];
      for (const { b, admit, refuse, onAccepted } of group) {
        try {
          const outcome = this.accept(pool, b, motion, stored.get(b.forUserId));
          if (onAccepted && outcome instanceof Promise) accepted.push(onAccepted);
          admit(outcome);
        } catch (e) {
          refuse(e);
        }
      }
      for (const tell of accepted) tell();
      if (pool.waiting.length >= this.batchSize && !pool.writes.size) this.flush(motionId, pool);
    }
    pool.admissionRunning = false;
  }

  /** One checked cast: the stored outcome, a join of the same submission waiting, or a new waiting ballot. */
  private accept(pool: SecretPool, b: CanonicalBallot, motion: VoteMotionEntity, stored: VoteSecretVoterEntity | undefined): CastOutcome | Promise<CastOutcome> {
    if (stored) {
      if (stored.submissionKey === b.submissionKey) return { receipt: stored.receipt, repeated: true };
      throw new ApiError('VOTE_ALREADY_CAST');
    }
    assertOpen(motion.status);
    const joined = join(pool, b);
    if (joined) return joined;
    if (pool.closing) throw new ApiError('VOTE_CLOSED');
    const w = waiting(b, newReceipt());
    pool.waiting.push(w);
    pool.known.set(w.forUserId, w);
    return w.outcome;
  }

  /**
   * Starts a close (VOTE_CLOSED if one is already under way): from here on new ballots are refused and none can be
   * left behind; waits for the batches being written and takes what is still waiting.
   */
  async close(motionId: string): Promise<SecretClose> {
    const pool = this.poolOf(motionId);
    if (pool.closing) throw new ApiError('VOTE_CLOSED');
    pool.closing = true;
    await Promise.allSettled([...pool.writes]);
    const batch = pool.waiting.splice(0);
    let answers: Answer[] = [];
    return {
      write: async (tx, motion) => {
        answers = batch.length ? await this.insertSecret(tx, motionId, batch) : [];
        return motion.secret && this.sealOnClose ? this.rewriteInKeyOrder(tx, motionId) : null;
      },
      committed: async (closed) => {
        this.settle(pool, answers);
        if (closed.secret && this.sealOnClose) await this.truncateWal();
      },
      failed: (e) => {
        if (e instanceof ApiError && e.code === 'VOTE_CLOSED') {
          for (const w of batch) this.answer(pool, { w, error: e }); // closed elsewhere first: these came too late
        } else {
          pool.closing = false;
          pool.waiting.unshift(...batch);
        }
      },
    };
  }

  /** Whether this person has a ballot accepted and not yet confirmed. */
  isWaiting(motionId: string, forUserId: string): boolean {
    return this.pools.get(motionId)?.known.has(forUserId) ?? false;
  }

  /** Who has a ballot accepted and not yet confirmed. */
  waitingVoters(motionId: string): Iterable<string> {
    return this.pools.get(motionId)?.known.keys() ?? [];
  }

  /** Ballots still waiting for their batch fail (retryable): the tablets resend them. */
  async shutdown(): Promise<void> {
    for (const pool of this.pools.values()) {
      for (const w of pool.waiting.splice(0)) this.answer(pool, { w, error: new ApiError('SERVICE_UNAVAILABLE') });
    }
    await Promise.allSettled([...this.pools.values()].flatMap((p) => [...p.writes]));
  }

  /** A motion's pool, made on first use and kept (a few bytes per motion): a close marks this very object. */
  private poolOf(motionId: string): SecretPool {
    let pool = this.pools.get(motionId);
    if (!pool) {
      pool = { admitting: [], admissionRunning: false, waiting: [], known: new Map(), writes: new Set(), closing: false };
      this.pools.set(motionId, pool);
    }
    return pool;
  }

  private flush(motionId: string, pool: SecretPool): void {
    const batch = pool.waiting.splice(0);
    const write: Promise<void> = this.writeBatch(motionId, batch, pool).finally(() => {
      pool.writes.delete(write);
      // One batch at a time: what filled up meanwhile goes in the next, so a busy hall makes fewer, larger batches.
      if (!pool.closing && !pool.writes.size && pool.waiting.length >= this.batchSize) this.flush(motionId, pool);
    });
    pool.writes.add(write);
  }

  private async writeBatch(motionId: string, batch: Waiting[], pool: SecretPool): Promise<void> {
    try {
      const answers = await retrying(() =>
        this.db.transaction(async (tx) => {
          const motion = await lockMotion(tx, motionId, 'share');
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
   * then sits where its key puts it, whatever batch it came in, and the bytes it used to occupy are zeroed. Returns
   * the rows as put back, which the close tallies instead of reading them once more.
   * (PostgreSQL: the live tuples end up in key order with one xmin; dead tuples stay until VACUUM — see docs/architecture.md.)
   */
  private async rewriteInKeyOrder(tx: EntityManager, motionId: string): Promise<SealedSecretRows> {
    const sqlite = this.db.options.type === 'better-sqlite3';
    const before = sqlite ? Number(((await tx.query('PRAGMA secure_delete')) as { secure_delete: number }[])[0]?.secure_delete ?? 0) : 0;
    if (sqlite) await tx.query('PRAGMA secure_delete = ON');
    try {
      // In the database, not through JavaScript (2,000 ballots: one or four statements per table instead of
      // thousands of rows read, built and written by the ORM).
      const voters = await this.rewriteTable(tx, motionId, 'vote_secret_voter', 'for_user_id', 'for_user_id AS "forUserId", receipt');
      const choices = await this.rewriteTable(tx, motionId, 'vote_secret_choice', 'ballot_key', 'choices, weight');
      return { voters, choices } as SealedSecretRows;
    } finally {
      if (sqlite && before !== 1) await tx.query(`PRAGMA secure_delete = ${before === 2 ? 'FAST' : 'OFF'}`);
    }
  }

  /** One table's rows of the motion, deleted and inserted again in `key` order; returns `returning` of each. */
  private async rewriteTable(tx: EntityManager, motionId: string, table: string, key: string, returning: string): Promise<Record<string, string>[]> {
    if (this.db.options.type !== 'better-sqlite3') {
      // PostgreSQL moves the rows in one statement (a data-modifying WITH), one round trip per table.
      return tx.query(`WITH moved AS (DELETE FROM ${table} WHERE motion_id = $1 RETURNING *) INSERT INTO ${table} SELECT * FROM moved ORDER BY ${key} RETURNING ${returning}`, [motionId]);
    }
    // SQLite has no DELETE in WITH: a key-ordered temporary copy, the rows deleted, the copy put back in that order.
    await tx.query(`CREATE TEMPORARY TABLE seal_${table} AS SELECT * FROM ${table} WHERE motion_id = ? ORDER BY ${key}`, [motionId]);
    await tx.query(`DELETE FROM ${table} WHERE motion_id = ?`, [motionId]);
    const rows = (await tx.query(`INSERT INTO ${table} SELECT * FROM seal_${table} ORDER BY ${key} RETURNING ${returning}`)) as Record<string, string>[];
    await tx.query(`DROP TABLE seal_${table}`);
    return rows;
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

  private settle(pool: SecretPool, answers: readonly Answer[]): void {
    for (const a of answers) this.answer(pool, a);
  }

  private answer(pool: SecretPool, a: Answer): void {
    if (pool.known.get(a.w.forUserId) === a.w) pool.known.delete(a.w.forUserId);
    if ('outcome' in a) a.w.settle(a.outcome);
    else a.w.fail(a.error);
  }
}

interface NativeSqlite {
  inTransaction: boolean;
  pragma(source: string): unknown;
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
