import { decimalPlaces, decimalStep, formatDecimal, parseDecimal } from './decimal';

// Weights and results are decimal strings; servers and clients read and write them with these.
export { DECIMAL_PLACES, formatDecimal, parseDecimal } from './decimal';

/**
 * Voting (biểu quyết): what a motion is, what a ballot holds, the tally and the majority rules. Pure functions, so
 * the server computes a result from stored ballots and any client or audit can recompute it and get the same
 * answer. Amounts are exact decimals (see decimal.ts); results never depend on the order of the ballots.
 */

export interface VoteOption {
  id: string;
  /** The label everyone sees (Vietnamese; for a candidate, the person's name). */
  label: string;
  labelEn?: string;
  /** Choosing this option means abstaining: counted as cast, never as support, never elected. */
  abstain?: boolean;
}

export const YES_OPTION_ID = 'yes';

/** Tán thành / không tán thành / không biểu quyết. */
export const DEFAULT_VOTE_OPTIONS: readonly VoteOption[] = [
  { id: YES_OPTION_ID, label: 'Tán thành', labelEn: 'Yes' },
  { id: 'no', label: 'Không tán thành', labelEn: 'No' },
  { id: 'abstain', label: 'Không biểu quyết', labelEn: 'Abstain', abstain: true },
];

/**
 * - `members`: the weight of all members, present or not (the domain's default: "more than half of all members").
 * - `present`: the weight of the members present (in person or through a proxy) when the vote closes.
 * - `cast`: the weight of the valid ballots. "Không biểu quyết" is a ballot cast, as in the National Assembly's
 *   results ("X tham gia biểu quyết: A tán thành, B không tán thành, C không biểu quyết"): it is in the base but
 *   never yes, so abstaining weighs like no. Invalid ballots express no choice and are left out.
 */
export type MajorityBase = 'members' | 'present' | 'cast';
/** `more_than_half`: yes × 2 > base. `at_least_two_thirds`: yes × 3 ≥ base × 2. */
export type Threshold = 'more_than_half' | 'at_least_two_thirds';

export interface MotionRules {
  majorityBase: MajorityBase;
  threshold: Threshold;
  /**
   * A vote may open only when the meeting has its quorum (countQuorum with the meeting's QuorumRule). Checked by the
   * server when the vote opens, not here: a closed result does not depend on who left the hall during the vote.
   */
  quorumRequired: boolean;
}

export const DEFAULT_MOTION_RULES: MotionRules = { majorityBase: 'members', threshold: 'more_than_half', quorumRequired: true };

export interface MotionSpec {
  title: string;
  options: VoteOption[];
  /** `multiple` elects up to `maxChoices` options (people); a voter may then also leave the ballot blank. */
  choice: 'single' | 'multiple';
  maxChoices: number;
  secret: boolean;
  /** A voter may change their ballot until the vote closes. */
  allowChange: boolean;
  rules: MotionRules;
}

export const MOTION_TITLE_MAX_LENGTH = 500;
export const MOTION_MIN_OPTIONS = 2;
export const MOTION_MAX_OPTIONS = 50;

/** A yes / no / abstain motion with the domain's rules. */
export function yesNoMotion(title: string, rules: MotionRules = DEFAULT_MOTION_RULES): MotionSpec {
  return { title, options: DEFAULT_VOTE_OPTIONS.map((o) => ({ ...o })), choice: 'single', maxChoices: 1, secret: false, allowChange: true, rules };
}

/** What is wrong with a motion, in words for the secretary's form; empty when it can be put to the vote. */
export function motionSpecProblems(spec: MotionSpec): string[] {
  const problems: string[] = [];
  const title = spec.title.trim();
  if (!title || spec.title.length > MOTION_TITLE_MAX_LENGTH) problems.push(`title: 1–${MOTION_TITLE_MAX_LENGTH} characters, not blank`);
  const n = spec.options.length;
  if (n < MOTION_MIN_OPTIONS || n > MOTION_MAX_OPTIONS) problems.push(`options: ${MOTION_MIN_OPTIONS}–${MOTION_MAX_OPTIONS}, not ${n}`);
  if (spec.options.some((o) => !o.id || !o.label.trim())) problems.push('options: every option needs an id and a label');
  if (new Set(spec.options.map((o) => o.id)).size !== n) problems.push('options: ids must be unique');
  if (!Number.isInteger(spec.maxChoices) || spec.maxChoices < 1 || spec.maxChoices > Math.max(n, 1)) problems.push(`maxChoices: a whole number from 1 to ${n}`);
  if (spec.choice === 'single' && spec.maxChoices !== 1) problems.push('maxChoices: a single-choice motion has exactly 1');
  return problems;
}

/**
 * One ballot. `forUserId` is the member whose vote it is; `voterId` is who cast it: the member, or their proxy
 * (ủy quyền), whose own vote, if any, is a separate ballot. `weight` is an exact decimal string ("1", "0.5").
 * A secret ballot has no voter to show: pass an id unique to the ballot (e.g. the random key it is stored under)
 * for both, so that it counts once.
 */
export interface Ballot {
  voterId: string;
  forUserId: string;
  choices: string[];
  weight: string;
}

/**
 * Why a ballot is not counted. A ballot has one reason, the first that applies in this order:
 * - `duplicate_member`: more than one ballot for the same member. All of them are set aside, because no rule can
 *   tell which is the real one without depending on the order of the ballots; the store must never let it happen.
 * - `bad_weight`: not a decimal with at most 6 places, or zero.
 * - `empty`: no choice on a single-choice motion (it has "không biểu quyết" for that).
 * - `unknown_option`, `duplicate_choice`, `too_many_choices` (more than maxChoices).
 * - `abstain_with_other`: abstaining and choosing something else at once.
 */
export const INVALID_REASONS = ['duplicate_member', 'bad_weight', 'empty', 'unknown_option', 'duplicate_choice', 'too_many_choices', 'abstain_with_other'] as const;
export type InvalidReason = (typeof INVALID_REASONS)[number];

/** A number of ballots and their total weight (exact decimal string). */
export interface Amount {
  ballots: number;
  weight: string;
}

export interface OptionCount extends Amount {
  optionId: string;
}

export interface Tally {
  /** Every option of the motion, in the motion's order. A ballot choosing several options counts fully for each. */
  counts: OptionCount[];
  /** The valid ballots, abstentions included; each ballot once. */
  cast: Amount;
  /** Valid ballots whose only choice is an abstain option, and blank ballots of a multiple-choice motion. */
  abstained: Amount;
  invalid: { ballots: number; reasons: Record<InvalidReason, number> };
}

function assertValid(spec: MotionSpec): void {
  const problems = motionSpecProblems(spec);
  if (problems.length) throw new RangeError(`Invalid motion: ${problems.join('; ')}`);
}

/** The ballot's weight in millionths, or why it is invalid. */
function check(spec: MotionSpec, ballot: Ballot, duplicateMember: boolean): { units: bigint } | { reason: InvalidReason } {
  if (duplicateMember) return { reason: 'duplicate_member' };
  const units = parseDecimal(ballot.weight);
  if (units === null || units === 0n) return { reason: 'bad_weight' };
  const { choices } = ballot;
  if (choices.length === 0 && spec.choice === 'single') return { reason: 'empty' };
  const options = choices.map((id) => spec.options.find((o) => o.id === id));
  if (options.some((o) => !o)) return { reason: 'unknown_option' };
  if (new Set(choices).size !== choices.length) return { reason: 'duplicate_choice' };
  if (choices.length > spec.maxChoices) return { reason: 'too_many_choices' };
  if (choices.length > 1 && options.some((o) => o?.abstain)) return { reason: 'abstain_with_other' };
  return { units };
}

interface Sum {
  ballots: number;
  units: bigint;
}

export function tallyBallots(spec: MotionSpec, ballots: readonly Ballot[]): Tally {
  assertValid(spec);
  const perMember = new Map<string, number>();
  for (const b of ballots) perMember.set(b.forUserId, (perMember.get(b.forUserId) ?? 0) + 1);
  const counts = new Map<string, Sum>(spec.options.map((o) => [o.id, { ballots: 0, units: 0n }]));
  const cast: Sum = { ballots: 0, units: 0n };
  const abstained: Sum = { ballots: 0, units: 0n };
  const reasons = Object.fromEntries(INVALID_REASONS.map((r) => [r, 0])) as Record<InvalidReason, number>;
  let invalid = 0;
  for (const ballot of ballots) {
    const result = check(spec, ballot, (perMember.get(ballot.forUserId) ?? 0) > 1);
    if ('reason' in result) {
      invalid++;
      reasons[result.reason]++;
      continue;
    }
    const add = (sum: Sum | undefined) => {
      if (!sum) return;
      sum.ballots++;
      sum.units += result.units;
    };
    add(cast);
    for (const id of ballot.choices) add(counts.get(id));
    if (ballot.choices.every((id) => spec.options.find((o) => o.id === id)?.abstain)) add(abstained);
  }
  const amount = (sum: Sum | undefined): Amount => ({ ballots: sum?.ballots ?? 0, weight: formatDecimal(sum?.units ?? 0n) });
  return {
    counts: spec.options.map((o) => ({ optionId: o.id, ...amount(counts.get(o.id)) })),
    cast: amount(cast),
    abstained: amount(abstained),
    invalid: { ballots: invalid, reasons },
  };
}

/** Weights of the members and of those present (each a decimal string; "7" when seven members weigh 1 each). */
export interface MajorityBaseWeights {
  members: string;
  present: string;
}

interface DecidedCommon extends Tally {
  /** The weight the threshold is measured against. */
  base: string;
  /**
   * The least yes weight (or, in an election, the least weight per candidate) that meets the threshold, in steps
   * of the finest weight in play: whole votes when every weight is whole (4 of 7 for more than half, 5 of 7 for two
   * thirds). With a base above zero, a weight meets the threshold exactly when it is at least `required`.
   */
  required: string;
}

/**
 * A motion with a "yes" option and a single choice is decided by its yes weight. Any other motion (elections with
 * several seats, or a choice between alternatives, decided like an election for one seat) elects options instead.
 */
export type MotionResult = (DecidedCommon & { kind: 'yes_no'; passed: boolean }) | (DecidedCommon & { kind: 'election'; elected: string[]; tied: string[] });

/**
 * Elections: every option that meets the threshold is a candidate, abstain options excepted; candidates are ranked
 * by weight and the first `maxChoices` elected, in rank order (equal weights in the motion's order). When
 * candidates with equal weight compete for the last seat(s), none of them is elected and they are listed in `tied`:
 * the seat stays unfilled until the meeting votes again between them (the law's tie-breaks, e.g. by age, need facts
 * a ballot does not have). A base of zero passes nothing and elects nobody.
 */
export function decideMotion(spec: MotionSpec, tally: Tally, base: MajorityBaseWeights): MotionResult {
  assertValid(spec);
  const { majorityBase, threshold } = spec.rules;
  const baseText = majorityBase === 'cast' ? tally.cast.weight : base[majorityBase];
  const baseUnits = parseDecimal(baseText);
  if (baseUnits === null) throw new RangeError(`Invalid ${majorityBase} weight: ${JSON.stringify(baseText)}`);
  const weights = new Map(tally.counts.map((c) => [c.optionId, parseDecimal(c.weight) ?? 0n]));
  const meets = (units: bigint) => baseUnits > 0n && (threshold === 'more_than_half' ? units * 2n > baseUnits : units * 3n >= baseUnits * 2n);
  // Every option's weight is a multiple of the finest step among them, so for each of them "meets the threshold"
  // is "at least the least multiple of that step that meets it". The base's own places do not matter.
  const step = decimalStep(Math.max(0, ...[...weights.values()].map(decimalPlaces)));
  const required = threshold === 'more_than_half' ? (baseUnits / (2n * step) + 1n) * step : ((baseUnits * 2n + 3n * step - 1n) / (3n * step)) * step;
  const common: DecidedCommon = { ...tally, base: formatDecimal(baseUnits), required: formatDecimal(required) };
  if (spec.choice === 'single' && weights.has(YES_OPTION_ID)) return { ...common, kind: 'yes_no', passed: meets(weights.get(YES_OPTION_ID) ?? 0n) };

  // The sort is stable: equal weights keep the motion's order.
  const candidates = spec.options
    .filter((o) => !o.abstain && meets(weights.get(o.id) ?? 0n))
    .map((o) => ({ id: o.id, units: weights.get(o.id) ?? 0n }))
    .sort((a, b) => (a.units === b.units ? 0 : a.units > b.units ? -1 : 1));
  const seats = spec.maxChoices;
  if (candidates.length <= seats) return { ...common, kind: 'election', elected: candidates.map((c) => c.id), tied: [] };
  const last = candidates[seats - 1].units;
  if (candidates[seats].units !== last) return { ...common, kind: 'election', elected: candidates.slice(0, seats).map((c) => c.id), tied: [] };
  return { ...common, kind: 'election', elected: candidates.filter((c) => c.units > last).map((c) => c.id), tied: candidates.filter((c) => c.units === last).map((c) => c.id) };
}
