import { ApiError } from '@phonghop/server-core';
import type { EntityManager } from 'typeorm';
import { type MotionStatus, VoteMotionEntity } from './voting.entity';

/** The motion, or VOTE_NOT_FOUND. */
export async function findMotion(em: EntityManager, motionId: string): Promise<VoteMotionEntity> {
  const found = await em.getRepository(VoteMotionEntity).findOneBy({ id: motionId });
  if (!found) throw new ApiError('VOTE_NOT_FOUND');
  return found;
}

/**
 * The columns a cast or a progress count needs. The row's `eligible` (≈ 170 bytes per voter), `spec` and `result`
 * are left out: read on every one of 2,000 casts, they cost more than the ballot itself.
 */
const LEAN = ['m.id', 'm.meetingId', 'm.status', 'm.secret', 'm.allowChange'];

const CLOSING = [...LEAN, 'm.itemId', 'm.spec', 'm.openedAt', 'm.closedAt', 'm.result', 'm.resultHash', 'm.prevHash', 'm.countdownSeconds', 'm.closesAt', 'm.createdAt', 'm.updatedAt'];

/** The motion's id, meeting, status and kind only; VOTE_NOT_FOUND when missing. */
export async function findMotionLean(em: EntityManager, motionId: string): Promise<VoteMotionEntity> {
  const found = await em.getRepository(VoteMotionEntity).createQueryBuilder('m').select(LEAN).where('m.id = :motionId', { motionId }).getOne();
  if (!found) throw new ApiError('VOTE_NOT_FOUND');
  return found;
}

/** Thrown inside a transaction that lost a race (PostgreSQL): the whole transaction is tried again. */
export class Retry extends Error {}

/**
 * The motion row, read inside the transaction the write depends on. PostgreSQL: FOR SHARE for a cast (casts
 * run side by side, a close waits for them and they see its result) and FOR UPDATE for the close. SQLite's
 * transactions take turns, so a plain read is already exclusive.
 */
export function lockMotion(tx: EntityManager, motionId: string, mode: 'share' | 'update'): Promise<VoteMotionEntity | null> {
  const qb = tx.getRepository(VoteMotionEntity).createQueryBuilder('m').where('m.id = :motionId', { motionId });
  // A cast (share) needs the lean columns only; the close (update) every column but `eligible` (≈ 325 KB at 2,000
  // voters, which the open vote's state already holds parsed): the returned row has `eligible` undefined.
  qb.select(mode === 'share' ? LEAN : CLOSING);
  if (tx.connection.options.type === 'postgres') qb.setLock(mode === 'share' ? 'pessimistic_read' : 'pessimistic_write');
  return qb.getOne();
}

export function assertOpen(status: MotionStatus): void {
  if (status === 'draft') throw new ApiError('VOTE_NOT_OPEN');
  if (status === 'closed') throw new ApiError('VOTE_CLOSED');
}

/** Runs a transaction again when it lost a race to another process (PostgreSQL unique key or conditional write). */
export async function retrying<T>(run: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      if (attempt >= attempts || !(e instanceof Retry || isUniqueViolation(e))) throw e;
    }
  }
}

export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string }; message?: string } | null;
  const code = err?.driverError?.code ?? err?.code;
  return code === '23505' || (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT_PRIMARYKEY')) || /UNIQUE constraint failed/.test(String(err?.message));
}
