import { ApiError } from '@phonghop/server-core';
import { randomBytes } from 'node:crypto';

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

/** A checked submission in its one stored spelling: `choices` is the JSON of the sorted keys. */
export interface CanonicalBallot {
  motionId: string;
  forUserId: string;
  voterId: string;
  choices: string;
  weight: string;
  submissionKey: string;
}

const CHUNK = 200;
const SUBMISSION_KEY = /^[A-Za-z0-9_-]{8,64}$/;
const WEIGHT = /^\d{1,12}(\.\d{1,6})?$/;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function canonicalBallot(input: BallotInput): CanonicalBallot {
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
export function normalDecimal(value: string): string {
  const [int, frac = ''] = value.split('.');
  const i = int.replace(/^0+(?=\d)/, '');
  const f = frac.replace(/0+$/, '');
  return f ? `${i}.${f}` : i;
}

/** 60 random bits in Crockford base32, "XXXX-XXXX-XXXX": easy to read aloud and to compare on paper. */
export function newReceipt(): string {
  let n = randomBytes(8).readBigUInt64BE() >> 4n;
  let s = '';
  for (let i = 0; i < 12; i++) {
    s = CROCKFORD[Number(n & 31n)] + s;
    n >>= 5n;
  }
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Code-unit order, the same on every engine and locale (not localeCompare). */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
