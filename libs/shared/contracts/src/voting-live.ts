import type { Ack } from './realtime';
import type { RoomSlice } from './room-slice';
import type { MotionResult, MotionRules, MotionSpec } from './voting';

/**
 * Voting in a running meeting: what travels on the meeting room (the `votes` slice), the `vote:request` socket
 * methods, and the REST shapes for preparing motions, reading results and verifying the result chain.
 */

export type MotionStatus = 'draft' | 'open' | 'closed';

/** The meeting's voting rules (defaults for new motions) and optional vote weights. */
export interface VoteSettingsDto {
  meetingId: string;
  rules: MotionRules;
  /** Vote weight per member (exact decimal strings); a member not listed weighs "1". */
  weights: Record<string, string>;
}

export interface UpdateVoteSettingsRequest {
  rules?: MotionRules;
  weights?: Record<string, string>;
}

export interface MotionDto {
  id: string;
  meetingId: string;
  itemId: string | null;
  spec: MotionSpec;
  /** The vote closes by itself this many seconds after it opens; null: the chair closes it. */
  countdownSeconds: number | null;
  status: MotionStatus;
  openedAt: string | null;
  /** Open with a countdown: when it closes (server time). */
  closesAt: string | null;
  closedAt: string | null;
}

export interface CreateMotionRequest {
  itemId?: string | null;
  spec: MotionSpec;
  countdownSeconds?: number | null;
}

export type UpdateMotionRequest = Partial<CreateMotionRequest>;

export const COUNTDOWN_MIN_SECONDS = 10;
export const COUNTDOWN_MAX_SECONDS = 3600;

/** Votes counted so far: how many ballots of how many eligible, in the hall and at the sites. Never a choice. */
export interface VoteProgress {
  eligible: number;
  voted: number;
  hall: { eligible: number; voted: number };
  sites: { eligible: number; voted: number };
}

/**
 * A closed motion's result as everyone sees it live (the chart): the decided tally and the chain hash. The named
 * list and the receipts are in the full record (`VoteResultRecord`), fetched on demand: a hall of 2,000 tablets
 * should not each receive 2,000 names the moment the vote closes.
 */
export interface VoteOutcome {
  decided: MotionResult;
  /** How many ballots were counted (= receipts published). */
  receiptCount: number;
  resultHash: string;
}

/** A motion on the room: open or closed (drafts stay with the hosts). */
export interface LiveMotion {
  id: string;
  itemId: string | null;
  spec: MotionSpec;
  status: Exclude<MotionStatus, 'draft'>;
  openedAt: string;
  closesAt: string | null;
  closedAt: string | null;
  progress: VoteProgress;
  outcome: VoteOutcome | null;
}

export type VotesDelta =
  | { kind: 'upsert'; motion: LiveMotion }
  | { kind: 'progress'; motionId: string; progress: VoteProgress }
  | { kind: 'remove'; motionId: string };

export interface VotesState {
  /** Open and closed motions of the meeting by id. */
  motions: Record<string, LiveMotion>;
}

export const votesSlice: RoomSlice<VotesState, VotesDelta> = {
  audience: 'everyone',
  empty: () => ({ motions: {} }),
  apply(state, delta) {
    const motions = { ...state.motions };
    if (delta.kind === 'upsert') motions[delta.motion.id] = delta.motion;
    else if (delta.kind === 'remove') delete motions[delta.motionId];
    else {
      const m = motions[delta.motionId];
      // A progress tick that arrives after the close changes nothing: the closed motion's count is final.
      if (m && m.status === 'open') motions[delta.motionId] = { ...m, progress: delta.progress };
    }
    return { motions };
  },
};

/** The motion that is open now, if any (one at a time per meeting). */
export function openMotion(state: VotesState): LiveMotion | null {
  return Object.values(state.motions).find((m) => m.status === 'open') ?? null;
}

/** How a ballot reaches the box: the member's own tablet, their proxy's (ủy quyền), or their site's operator. */
export type BallotRoute = 'self' | 'proxy' | 'site';

/** One ballot the asking person may cast in a motion (their own, and those they carry for others). */
export interface BallotRight {
  forUserId: string;
  fullName: string;
  route: BallotRoute;
  weight: string;
  voted: boolean;
  /** Their receipt once voted (a receipt never names a choice). */
  receipt: string | null;
  /** Named ballots: the stored choice, so a tablet that reconnects shows it; always null for a secret ballot. */
  choices: string[] | null;
}

export interface CastResult {
  receipt: string;
  /** The same submission was already stored (a resend after a lost answer): nothing new was written. */
  repeated: boolean;
}

export interface VoteRequests {
  /** Hosts: open a prepared motion (quorum checked when its rules ask; eligibility fixed from attendance). */
  open: { req: { meetingId: string; motionId: string }; res: { motion: MotionDto } };
  /** Hosts: close it; the result is computed from the stored ballots and published. */
  close: { req: { meetingId: string; motionId: string }; res: { motion: MotionDto } };
  /** The ballots the caller may cast in this motion, with what they already cast. */
  myBallots: { req: { meetingId: string; motionId: string }; res: { rights: BallotRight[] } };
  /**
   * Cast (or, when the motion allows it, change) one ballot. `submissionKey` is chosen by the tablet for each
   * submission and sent again unchanged on a retry, so a lost answer is never a lost or a double ballot.
   */
  cast: { req: { meetingId: string; motionId: string; forUserId: string; choices: string[]; submissionKey: string }; res: CastResult };
}

export type VoteMethod = keyof VoteRequests;
export type VoteRequest = { [M in VoteMethod]: { method: M; data: VoteRequests[M]['req'] } }[VoteMethod];
export type VoteResponse<M extends VoteMethod> = Ack<VoteRequests[M]['res']>;

/** One line of a named vote's list. */
export interface NamedVoteLine {
  forUserId: string;
  fullName: string;
  /** Whose hand cast it when not the member's own: the proxy's or the site operator's name. */
  castByName: string | null;
  route: BallotRoute;
  choices: string[];
  weight: string;
}

/**
 * The sealed record of a closed vote: what the result hash covers. Its canonical JSON (`canonicalJson`) hashed
 * after the previous result's hash gives `resultHash`.
 */
export interface VoteResultRecord {
  motionId: string;
  meetingId: string;
  itemId: string | null;
  spec: MotionSpec;
  openedAt: string;
  closedAt: string;
  /** Who could vote when it opened, and their total weight. */
  eligible: { count: number; weight: string; hall: number; sites: number };
  /** All the meeting's members when it opened (the base "tổng số thành viên"), present or not. */
  members: { count: number; weight: string };
  decided: MotionResult;
  /** Named votes: every ballot with the member's name; null for a secret vote. */
  named: NamedVoteLine[] | null;
  /** Every counted ballot's receipt, sorted. */
  receipts: string[];
}

export interface VoteResultDto {
  record: VoteResultRecord;
  prevHash: string;
  resultHash: string;
}

/** One link of a meeting's result chain as the verifier found it. */
export interface ChainLinkCheck {
  motionId: string;
  title: string;
  closedAt: string;
  ok: boolean;
  /** What is wrong: the record's hash, the link to the previous result, or the ballots behind it. */
  problem: 'hash_mismatch' | 'broken_link' | 'ballots_differ' | null;
}

export interface ChainVerificationDto {
  meetingId: string;
  ok: boolean;
  links: ChainLinkCheck[];
  /** The first link that fails, if any. */
  firstBroken: ChainLinkCheck | null;
}

/**
 * JSON with object keys sorted at every level: the one spelling a record is hashed in, so anyone can recompute
 * the hash from the published record.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
