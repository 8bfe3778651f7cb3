import {
  type Ballot,
  type ChainLinkCheck,
  type MotionSpec,
  type NamedVoteLine,
  type VoteResultRecord,
  canonicalJson,
  decideMotion,
  tallyBallots,
} from '@phonghop/contracts';
import { createHash } from 'node:crypto';
import { CHAIN_GENESIS, type ClosingBallots, type SecretChoice } from './ballot.store';
import type { Eligibility } from './eligibility';

/** sha256(previous hash, newline, the record's canonical JSON): each result seals the one before it. */
export function chainHash(prevHash: string, record: VoteResultRecord): string {
  return createHash('sha256').update(`${prevHash}\n${canonicalJson(record)}`).digest('hex');
}

/** The ballots in the tally's shape: a secret one gets an id of its own (its place in content order), so it counts once. */
export function ballotsOf(named: ClosingBallots['named'], secret: readonly SecretChoice[]): Ballot[] {
  return [
    ...named.map((b) => ({ voterId: b.voterId, forUserId: b.forUserId, choices: b.choices, weight: b.weight })),
    ...secret.map((s, i) => ({ voterId: `secret-${i}`, forUserId: `secret-${i}`, choices: s.choices, weight: s.weight })),
  ];
}

export interface RecordContext {
  spec: MotionSpec;
  eligibility: Eligibility;
  /** Names of the people who cast ballots for others (proxies, site operators). */
  nameOf: (userId: string) => string | null;
  closedAt: Date;
}

/** The record a close seals: the tally decided by the motion's rules, the named list (named votes) and the receipts. */
export function resultRecord(ballots: ClosingBallots, ctx: RecordContext): VoteResultRecord {
  const { motion } = ballots;
  const tally = tallyBallots(ctx.spec, ballotsOf(ballots.named, ballots.secret));
  const decided = decideMotion(ctx.spec, tally, { members: ctx.eligibility.members.weight, present: ctx.eligibility.present.weight });
  const byId = new Map(ctx.eligibility.voters.map((v) => [v.userId, v]));
  const named: NamedVoteLine[] | null = motion.secret
    ? null
    : ballots.named.map((b) => {
        const voter = byId.get(b.forUserId);
        const route = b.voterId === b.forUserId ? 'self' : voter?.castBy === b.voterId ? 'proxy' : 'site';
        return {
          forUserId: b.forUserId,
          fullName: voter?.fullName ?? ctx.nameOf(b.forUserId) ?? b.forUserId,
          castByName: route === 'self' ? null : (ctx.nameOf(b.voterId) ?? b.voterId),
          route,
          choices: b.choices,
          weight: b.weight,
        };
      });
  const hall = ctx.eligibility.voters.filter((v) => !v.siteId).length;
  return {
    motionId: motion.id,
    meetingId: motion.meetingId,
    itemId: motion.itemId,
    spec: ctx.spec,
    openedAt: (motion.openedAt ?? ctx.closedAt).toISOString(),
    closedAt: ctx.closedAt.toISOString(),
    eligible: { count: ctx.eligibility.present.count, weight: ctx.eligibility.present.weight, hall, sites: ctx.eligibility.present.count - hall },
    members: ctx.eligibility.members,
    decided,
    named,
    receipts: ballots.receipts,
  };
}

/** A closed motion as stored, for the verifier. */
export interface StoredResult {
  motionId: string;
  title: string;
  closedAt: Date;
  prevHash: string | null;
  resultHash: string | null;
  /** The stored record's JSON. */
  result: string | null;
  /** The tally recomputed from the ballots stored now (canonical JSON of `decided`'s counts), or null if unreadable. */
  recount: string | null;
}

/** The part of a decided result that the ballots determine, as compared by the verifier. */
export function countsOf(record: Pick<VoteResultRecord, 'decided'>): string {
  const { counts, cast, abstained, invalid } = record.decided;
  return canonicalJson({ counts, cast, abstained, invalid });
}

/**
 * Walks a meeting's closed results in the order they closed: each must name the previous one's hash (the first,
 * the genesis), hash to what is stored, and match a recount of the ballots stored behind it.
 */
export function verifyChain(results: readonly StoredResult[]): ChainLinkCheck[] {
  const ordered = [...results].sort((a, b) => a.closedAt.getTime() - b.closedAt.getTime() || (a.motionId < b.motionId ? -1 : 1));
  let expectedPrev = CHAIN_GENESIS;
  return ordered.map((r) => {
    const check = (problem: ChainLinkCheck['problem']): ChainLinkCheck => ({ motionId: r.motionId, title: r.title, closedAt: r.closedAt.toISOString(), ok: !problem, problem });
    const prev = expectedPrev;
    expectedPrev = r.resultHash ?? '';
    if (r.prevHash !== prev) return check('broken_link');
    let record: VoteResultRecord;
    try {
      record = JSON.parse(r.result ?? '') as VoteResultRecord;
    } catch {
      return check('hash_mismatch');
    }
    if (chainHash(prev, record) !== r.resultHash) return check('hash_mismatch');
    if (r.recount !== countsOf(record)) return check('ballots_differ');
    return check(null);
  });
}
