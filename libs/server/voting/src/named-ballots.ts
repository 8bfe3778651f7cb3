import { ApiError, nextTurnDetached } from '@phonghop/server-core';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { type CanonicalBallot, type CastOutcome, chunks, newReceipt } from './ballot-input';
import { assertOpen, lockMotion, Retry, retrying } from './motion-lock';
import { type VoteMotionEntity, VoteNamedBallotEntity } from './voting.entity';

/** At most this many casts share one transaction (a few hundred bound parameters per INSERT chunk). */
const MAX_GROUP = 200;

interface Pending {
  ballot: CanonicalBallot;
  settle(outcome: CastOutcome): void;
  fail(error: unknown): void;
}

/** A person's stored row as the group's transaction sees it, changed in memory as the group is applied in order. */
interface Row {
  entity: VoteNamedBallotEntity;
  /** The submission key in the database when the group began (the conditional update's guard); null if new. */
  storedKey: string | null;
  dirty: boolean;
}

type Answer = { p: Pending; outcome: CastOutcome } | { p: Pending; error: unknown };

/**
 * Named ballots, written by group commit: the casts that arrive while one transaction runs go together in the next
 * one, so a hall voting at once costs a few dozen transactions instead of one per tablet (on SQLite's single
 * connection and on PostgreSQL's round trips alike). A lone cast is written at once, without waiting for company.
 * Inside a group the casts are applied in arrival order with the same rules as one at a time (first ballot, change
 * if allowed, same key answered, earlier key refused), and each is answered only after its group's commit.
 * A group that loses a race to another process (unique key, conditional update) is read and applied again.
 */
export class NamedBallots {
  private readonly queues = new Map<string, { pending: Pending[]; running: boolean }>();

  constructor(private readonly db: DataSource) {}

  cast(ballot: CanonicalBallot): Promise<CastOutcome> {
    return new Promise<CastOutcome>((settle, fail) => {
      let queue = this.queues.get(ballot.motionId);
      if (!queue) {
        queue = { pending: [], running: false };
        this.queues.set(ballot.motionId, queue);
      }
      queue.pending.push({ ballot, settle, fail });
      // The next turn: the casts already read from the sockets in this turn of the event loop join the first group.
      if (!queue.running) {
        queue.running = true;
        nextTurnDetached(() => void this.drain(ballot.motionId));
      }
    });
  }

  private async drain(motionId: string): Promise<void> {
    const queue = this.queues.get(motionId);
    if (!queue) return;
    while (queue.pending.length) {
      const group = queue.pending.splice(0, MAX_GROUP);
      try {
        const answers = await retrying(() => this.db.transaction((tx) => this.apply(tx, motionId, group)));
        for (const a of answers) {
          if ('outcome' in a) a.p.settle(a.outcome);
          else a.p.fail(a.error);
        }
      } catch (e) {
        for (const p of group) p.fail(e);
      }
    }
    queue.running = false;
    this.queues.delete(motionId);
  }

  private async apply(tx: EntityManager, motionId: string, group: readonly Pending[]): Promise<Answer[]> {
    const motion = await lockMotion(tx, motionId, 'share');
    if (!motion) return group.map((p) => ({ p, error: new ApiError('VOTE_NOT_FOUND') }));
    if (motion.secret) throw new Error('A named ballot was cast for a secret motion');
    const repo = tx.getRepository(VoteNamedBallotEntity);
    const rows = new Map<string, Row>();
    for (const ids of chunks([...new Set(group.map((p) => p.ballot.forUserId))])) {
      for (const entity of await repo.findBy({ motionId, forUserId: In(ids) })) rows.set(entity.forUserId, { entity, storedKey: entity.submissionKey, dirty: false });
    }
    const answers = group.map((p): Answer => {
      try {
        return { p, outcome: applyOne(rows, p.ballot, motion) };
      } catch (error) {
        return { p, error };
      }
    });
    const changed = [...rows.values()].filter((r) => r.dirty);
    for (const part of chunks(changed.filter((r) => r.storedKey === null).map((r) => r.entity))) await repo.insert(part);
    for (const r of changed.filter((x) => x.storedKey !== null)) {
      const { voterId, choices, weight, submissionKey, supersededKeys, updatedAt } = r.entity;
      const res = await tx
        .createQueryBuilder()
        .update(VoteNamedBallotEntity)
        .set({ voterId, choices, weight, submissionKey, supersededKeys, updatedAt })
        .where('motion_id = :motionId AND for_user_id = :forUserId AND submission_key = :key', { motionId, forUserId: r.entity.forUserId, key: r.storedKey })
        .execute();
      if (!res.affected) throw new Retry();
    }
    return answers;
  }
}

/** One cast against the group's view of the rows; throws its refusal. */
function applyOne(rows: Map<string, Row>, b: CanonicalBallot, motion: Pick<VoteMotionEntity, 'status' | 'allowChange'>): CastOutcome {
  const existing = rows.get(b.forUserId);
  if (existing?.entity.submissionKey === b.submissionKey) return { receipt: existing.entity.receipt, repeated: true };
  const superseded = existing ? (JSON.parse(existing.entity.supersededKeys) as string[]) : [];
  if (superseded.includes(b.submissionKey)) throw new ApiError('VOTE_SUPERSEDED');
  assertOpen(motion.status);
  const fields = { voterId: b.voterId, choices: b.choices, weight: b.weight, submissionKey: b.submissionKey, updatedAt: new Date() };
  if (!existing) {
    const entity = Object.assign(new VoteNamedBallotEntity(), { motionId: b.motionId, forUserId: b.forUserId, ...fields, supersededKeys: '[]', receipt: newReceipt() });
    rows.set(b.forUserId, { entity, storedKey: null, dirty: true });
    return { receipt: entity.receipt, repeated: false };
  }
  if (!motion.allowChange) throw new ApiError('VOTE_ALREADY_CAST');
  Object.assign(existing.entity, fields, { supersededKeys: JSON.stringify([...superseded, existing.entity.submissionKey]) });
  existing.dirty = true;
  return { receipt: existing.entity.receipt, repeated: false };
}
