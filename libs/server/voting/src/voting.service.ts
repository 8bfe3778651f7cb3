import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import {
  type BallotRight,
  type CastResult,
  type ChainVerificationDto,
  type CreateMotionRequest,
  type LiveMotion,
  type MotionDto,
  type MotionSpec,
  type UpdateMotionRequest,
  type UpdateVoteSettingsRequest,
  type VoteResultDto,
  type VoteResultRecord,
  type VoteSettingsDto,
  countQuorum,
  roomDelta,
} from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import type { AuthenticatedUser } from '@phonghop/server-identity';
import { LiveMeetingService } from '@phonghop/server-live-meeting';
import { AgendaService, type MeetingAccess, MeetingsService, ParticipantsService } from '@phonghop/server-meetings';
import { RoomHub } from '@phonghop/server-realtime';
import { BallotStore } from './ballot.store';
import { assertOpen } from './motion-lock';
import { type CarrierIndex, type Eligibility, ballotRoutes, carrierIndex, eligibilityAt, indexedRoutes, progressOf, rightsOf } from './eligibility';
import { verifyMeetingChain } from './chain-verifier';
import { chainHash, resultRecord } from './result-chain';
import { choiceProblems, motionProblems, settingsProblems } from './vote-input';
import { VoteSettingsStore } from './vote-settings.store';
import type { VoteMotionEntity } from './voting.entity';

/** Progress ticks are coalesced: a hall voting at once sends one progress delta per interval, not one per ballot. */
const PROGRESS_INTERVAL_MS = 200;

/** An open motion as the casting path needs it, kept in memory while it is open (its eligibility never changes). */
interface OpenMotion {
  entity: VoteMotionEntity;
  spec: MotionSpec;
  eligibility: Eligibility;
  carriers: CarrierIndex;
  /** The seats of those who have cast so far (see `castingSeat`). */
  seats: Map<string, Carrier>;
  /** Whose ballots this process has accepted: when all are in, progress goes out at once (see `progressSoon`). */
  seen: Set<string>;
  allSeenPublished: boolean;
  /** Progress recounts started, and the latest one published: a recount that finishes after a newer one is dropped. */
  progressCounts: number;
  progressShown: number;
}

type Carrier = { userId: string; siteId: string | null };

const openMotionState = (entity: VoteMotionEntity, spec: MotionSpec, eligibility: Eligibility): OpenMotion => ({
  entity,
  spec,
  eligibility,
  carriers: carrierIndex(eligibility),
  seats: new Map(),
  seen: new Set(),
  allSeenPublished: false,
  progressCounts: 0,
  progressShown: 0,
});

export const toMotionDto = (m: VoteMotionEntity): MotionDto => ({
  id: m.id,
  meetingId: m.meetingId,
  itemId: m.itemId,
  spec: JSON.parse(m.spec) as MotionSpec,
  countdownSeconds: m.countdownSeconds,
  status: m.status,
  openedAt: m.openedAt?.toISOString() ?? null,
  closesAt: m.closesAt?.toISOString() ?? null,
  closedAt: m.closedAt?.toISOString() ?? null,
});

/**
 * Votes in a meeting: the secretary prepares motions, the chair opens one (quorum checked, who may vote fixed from
 * attendance and proxies) and closes it (the result computed from the stored ballots, sealed into the meeting's
 * chain and published on the room). Ballots go through the `BallotStore`; progress travels as counts only.
 */
@Injectable()
export class VotingService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Voting');
  private readonly open = new Map<string, OpenMotion>();
  private readonly progressTimers = new Map<string, NodeJS.Timeout>();
  private readonly countdowns = new Map<string, NodeJS.Timeout>();
  /** Opening and closing take turns per meeting (one open vote at a time). */
  private readonly lanes = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: BallotStore,
    private readonly settingsStore: VoteSettingsStore,
    private readonly hub: RoomHub,
    private readonly meetings: MeetingsService,
    private readonly participants: ParticipantsService,
    private readonly agenda: AgendaService,
    private readonly live: LiveMeetingService,
  ) {}

  async onModuleInit(): Promise<void> {
    this.hub.registerLoader(async (meetingId) => {
      const motions = await this.liveMotions(meetingId);
      // With several processes, the one that takes a meeting over (issue 14) counts its open vote down from here on.
      for (const m of motions) if (m.status === 'open' && m.closesAt && !this.countdowns.has(m.id)) this.scheduleClose(meetingId, m.id, new Date(m.closesAt));
      return { votes: { motions: Object.fromEntries(motions.map((m) => [m.id, m])) } };
    });
    // A restarted server keeps counting down the votes that were open.
    for (const m of await this.store.openMotions()) if (m.closesAt) this.scheduleClose(m.meetingId, m.id, m.closesAt);
  }

  onModuleDestroy(): void {
    for (const t of [...this.progressTimers.values(), ...this.countdowns.values()]) clearTimeout(t);
  }

  // ── settings and preparation (REST) ─────────────────────────────────────────────────────────────────

  async settings(meetingId: string, actor: AuthenticatedUser): Promise<VoteSettingsDto> {
    await this.meetings.requireAccess(meetingId, actor.id);
    return this.settingsStore.settings(meetingId);
  }

  async updateSettings(meetingId: string, actor: AuthenticatedUser, req: UpdateVoteSettingsRequest): Promise<VoteSettingsDto> {
    await this.meetings.requirePresiding(meetingId, actor.id);
    const current = await this.settingsStore.settings(meetingId);
    const next: VoteSettingsDto = { meetingId, rules: req.rules ?? current.rules, weights: req.weights ?? current.weights };
    const members = new Set((await this.participants.roster(meetingId)).map((r) => r.userId));
    const problems = settingsProblems(next, members);
    if (problems.length) throw new ApiError('VALIDATION_FAILED', problems);
    await this.settingsStore.save(next);
    return next;
  }

  async list(meetingId: string, actor: AuthenticatedUser): Promise<MotionDto[]> {
    const access = await this.meetings.requireAccess(meetingId, actor.id);
    // Prepared motions are the hosts' until they open.
    return (await this.store.motionsOf(meetingId, access.mayPreside ? undefined : ['open', 'closed'])).map(toMotionDto);
  }

  async create(meetingId: string, actor: AuthenticatedUser, req: CreateMotionRequest): Promise<MotionDto> {
    await this.meetings.requirePresiding(meetingId, actor.id);
    await this.checkMotion(meetingId, req, true);
    const m = await this.store.createMotion({ meetingId, itemId: req.itemId ?? null, spec: req.spec, secret: req.spec.secret, allowChange: req.spec.allowChange, countdownSeconds: req.countdownSeconds ?? null });
    return toMotionDto(m);
  }

  async update(meetingId: string, motionId: string, actor: AuthenticatedUser, req: UpdateMotionRequest): Promise<MotionDto> {
    await this.meetings.requirePresiding(meetingId, actor.id);
    await this.motionOf(meetingId, motionId);
    await this.checkMotion(meetingId, req, false);
    const m = await this.store.updateDraft(motionId, {
      itemId: req.itemId,
      spec: req.spec,
      secret: req.spec?.secret,
      allowChange: req.spec?.allowChange,
      countdownSeconds: req.countdownSeconds,
    });
    return toMotionDto(m);
  }

  async remove(meetingId: string, motionId: string, actor: AuthenticatedUser): Promise<void> {
    await this.meetings.requirePresiding(meetingId, actor.id);
    await this.motionOf(meetingId, motionId);
    await this.store.deleteDraft(motionId);
  }

  // ── the live vote (socket) ──────────────────────────────────────────────────────────────────────────

  async openVote(meetingId: string, actor: AuthenticatedUser, motionId: string): Promise<MotionDto> {
    await this.meetings.requirePresiding(meetingId, actor.id);
    return this.inLane(meetingId, async () => {
      const motion = await this.motionOf(meetingId, motionId);
      if (motion.status === 'closed') throw new ApiError('VOTE_CLOSED');
      if (motion.status === 'open') return toMotionDto(motion);
      if ((await this.store.motionsOf(meetingId, ['open'])).length) throw new ApiError('VOTE_ANOTHER_OPEN');
      const spec = JSON.parse(motion.spec) as MotionSpec;
      const [{ floor, attendance }, roster, settings] = await Promise.all([this.live.attendanceNow(meetingId), this.participants.roster(meetingId), this.settingsStore.settings(meetingId)]);
      if (floor.phase !== 'in_session') throw new ApiError('FLOOR_NOT_IN_SESSION');
      if (spec.rules.quorumRequired && !countQuorum(roster, attendance, floor.quorum).reached) throw new ApiError('VOTE_NO_QUORUM');
      const eligibility = eligibilityAt(roster, attendance, settings.weights);
      const openedAt = new Date();
      const closesAt = motion.countdownSeconds ? new Date(openedAt.getTime() + motion.countdownSeconds * 1000) : null;
      const opened = await this.store.openMotion(motionId, { eligible: JSON.stringify(eligibility), closesAt, openedAt });
      this.open.set(motionId, openMotionState(opened, spec, eligibility));
      if (closesAt) this.scheduleClose(meetingId, motionId, closesAt);
      this.hub.publish(meetingId, roomDelta('votes', { kind: 'upsert', motion: await this.liveMotion(opened) }));
      return toMotionDto(opened);
    });
  }

  async closeVote(meetingId: string, actor: AuthenticatedUser | null, motionId: string): Promise<MotionDto> {
    if (actor) await this.meetings.requirePresiding(meetingId, actor.id);
    return this.inLane(meetingId, async () => {
      // An open vote's state is in memory; the store's closing transaction checks the row's status itself.
      const cached = this.open.get(motionId);
      if (cached && cached.entity.meetingId !== meetingId) throw new ApiError('VOTE_NOT_FOUND');
      const state = cached ?? (await this.openState(await this.motionOf(meetingId, motionId)));
      assertOpen(cached ? 'open' : state.entity.status);
      const { spec, eligibility } = state;
      let voted = new Set<string>();
      let sealed: VoteResultRecord | null = null;
      const closed = await this.store.closeMotion(motionId, async (ballots) => {
        voted = new Set(ballots.voters);
        // Names beyond the eligibility list are needed only for ballots cast by someone else (proxies, site operators).
        const castForOthers = ballots.named.some((b) => b.voterId !== b.forUserId);
        const names = new Map(castForOthers ? (await this.participants.roster(meetingId)).map((r) => [r.userId, r.fullName]) : []);
        const record = resultRecord(ballots, { spec, eligibility, nameOf: (id) => names.get(id) ?? null, closedAt: new Date() });
        sealed = record;
        return { result: record, resultHash: chainHash(ballots.prevHash, record) };
      });
      try {
        // Built while the open state is still cached: the eligibility is not parsed again from the row.
        this.hub.publish(meetingId, roomDelta('votes', { kind: 'upsert', motion: await this.liveMotion(closed, voted, sealed) }));
      } finally {
        this.forget(motionId);
      }
      return toMotionDto(closed);
    });
  }

  async myBallots(meetingId: string, actor: AuthenticatedUser, motionId: string): Promise<BallotRight[]> {
    const access = await this.meetings.requireAccess(meetingId, actor.id);
    const motion = await this.motionOf(meetingId, motionId);
    if (motion.status === 'draft') throw new ApiError('VOTE_NOT_OPEN');
    const { eligibility } = await this.openState(motion);
    const routes = ballotRoutes(eligibility, carrierOf(access, actor), motion.secret);
    const stored = await this.store.ballotsFor(motion, routes.map((r) => r.voter.userId));
    const waiting = new Set<string>();
    for (const r of routes) if (!stored.has(r.voter.userId) && (await this.store.hasVoted(motionId, r.voter.userId))) waiting.add(r.voter.userId);
    return rightsOf(routes, (userId) => stored.get(userId) ?? (waiting.has(userId) ? { receipt: '', choices: null } : null)).map((r) => ({ ...r, receipt: r.receipt || null }));
  }

  async cast(meetingId: string, actor: AuthenticatedUser, req: { motionId: string; forUserId: string; choices: string[]; submissionKey: string }): Promise<CastResult> {
    const { motion, carrier } = await this.castingSeat(meetingId, actor, req.motionId);
    const route = indexedRoutes(motion.carriers, carrier, motion.entity.secret).find((r) => r.voter.userId === req.forUserId);
    if (!route) throw new ApiError('VOTE_NOT_ELIGIBLE');
    const problems = choiceProblems(motion.spec, req.choices);
    if (problems.length) throw new ApiError('VALIDATION_FAILED', problems);
    const input = { motionId: req.motionId, forUserId: req.forUserId, voterId: actor.id, choices: req.choices, weight: route.voter.weight, submissionKey: req.submissionKey };
    if (route.route === 'site') {
      // The member's own ballot is theirs: their site's operator may not change it.
      if ((await this.store.namedBallotOf(req.motionId, req.forUserId))?.voterId === req.forUserId) throw new ApiError('VOTE_CAST_BY_MEMBER');
    }
    if (motion.entity.secret) {
      // A secret ballot is answered when its batch is written; it counts as voted (progress) once accepted.
      return this.store.castSecret(input, () => this.progressSoon(meetingId, req.motionId, req.forUserId));
    }
    const outcome = await this.store.castNamed(input);
    if (!outcome.repeated) this.progressSoon(meetingId, req.motionId, req.forUserId);
    return outcome;
  }

  // ── results ─────────────────────────────────────────────────────────────────────────────────────────

  async result(meetingId: string, actor: AuthenticatedUser, motionId: string): Promise<VoteResultDto> {
    await this.meetings.requireAccess(meetingId, actor.id);
    return this.resultOf(await this.motionOf(meetingId, motionId));
  }

  /** A display's view of a result: its token opens one meeting. */
  async resultForDisplay(displayMeetingId: string, meetingId: string, motionId: string): Promise<VoteResultDto> {
    if (displayMeetingId !== meetingId) throw new ApiError('MEETING_ACCESS_DENIED');
    return this.resultOf(await this.motionOf(meetingId, motionId));
  }

  /** Every closed result of a meeting in the order they closed, for a domain that already checked who asks (minutes). */
  async closedResults(meetingId: string): Promise<VoteResultDto[]> {
    const closed = await this.store.motionsOf(meetingId, ['closed']);
    return closed.sort((a, b) => (a.closedAt?.getTime() ?? 0) - (b.closedAt?.getTime() ?? 0)).map((m) => this.resultOfClosed(m));
  }

  /** The meeting's result chain checked link by link (system administrators and the meeting's hosts). */
  async verify(meetingId: string, actor: AuthenticatedUser): Promise<ChainVerificationDto> {
    if (!actor.roles.includes('admin')) await this.meetings.requirePresiding(meetingId, actor.id);
    return verifyMeetingChain(this.store, meetingId, (motionId, err) => this.logger.warn({ motionId, err: String(err) }, 'ballots of a closed vote could not be recounted'));
  }

  // ── internals ───────────────────────────────────────────────────────────────────────────────────────

  private async checkMotion(meetingId: string, req: UpdateMotionRequest, creating: boolean): Promise<void> {
    const problems = motionProblems(req, creating);
    if (problems.length) throw new ApiError('VOTE_SPEC_INVALID', problems);
    if (req.itemId && !(await this.agenda.itemsOf(meetingId)).some((i) => i.id === req.itemId)) throw new ApiError('FLOOR_ITEM_NOT_FOUND');
  }

  private async motionOf(meetingId: string, motionId: string): Promise<VoteMotionEntity> {
    const motion = await this.store.motion(motionId);
    if (motion.meetingId !== meetingId) throw new ApiError('VOTE_NOT_FOUND');
    return motion;
  }

  /** The spec and eligibility of an open or closed motion (from memory while open, else from its row). */
  private async openState(motion: VoteMotionEntity): Promise<OpenMotion> {
    const cached = this.open.get(motion.id);
    if (cached) return cached;
    const eligibility = (JSON.parse(motion.eligible ?? 'null') as Eligibility | null) ?? eligibilityAt([], {}, {});
    const state = openMotionState(motion, JSON.parse(motion.spec) as MotionSpec, eligibility);
    if (motion.status === 'open') this.open.set(motion.id, state);
    return state;
  }

  /**
   * The open vote and whose ballots the caller carries. Who may vote is fixed when the vote opens, so the caller's
   * seat is checked on their first cast and kept with the open vote until it closes: a hall of 2,000 tablets then
   * costs 2,000 permission checks per vote, not one per cast and resend.
   */
  private async castingSeat(meetingId: string, actor: AuthenticatedUser, motionId: string): Promise<{ motion: OpenMotion; carrier: Carrier }> {
    const cached = this.open.get(motionId);
    const seat = cached?.entity.meetingId === meetingId ? cached.seats.get(actor.id) : undefined;
    if (cached && seat) return { motion: cached, carrier: seat };
    const access = await this.meetings.requireAccess(meetingId, actor.id);
    const motion = this.open.get(motionId) ?? (await this.openFromStore(meetingId, motionId));
    if (motion.entity.meetingId !== meetingId) throw new ApiError('VOTE_NOT_FOUND');
    const carrier = carrierOf(access, actor);
    motion.seats.set(actor.id, carrier);
    return { motion, carrier };
  }

  private async openFromStore(meetingId: string, motionId: string): Promise<OpenMotion> {
    const motion = await this.motionOf(meetingId, motionId);
    if (motion.status === 'draft') throw new ApiError('VOTE_NOT_OPEN');
    if (motion.status === 'closed') throw new ApiError('VOTE_CLOSED');
    return this.openState(motion);
  }

  private resultOf(motion: VoteMotionEntity): VoteResultDto {
    if (motion.status !== 'closed') throw new ApiError('VOTE_STILL_OPEN');
    return this.resultOfClosed(motion);
  }

  private resultOfClosed(motion: VoteMotionEntity): VoteResultDto {
    return { record: JSON.parse(motion.result ?? 'null') as VoteResultRecord, prevHash: motion.prevHash ?? '', resultHash: motion.resultHash ?? '' };
  }

  private async liveMotions(meetingId: string): Promise<LiveMotion[]> {
    return Promise.all((await this.store.motionsOf(meetingId, ['open', 'closed'])).map((m) => this.liveMotion(m)));
  }

  /** `voted` and `sealed`: who has voted and the result, when the caller already has them (the close); otherwise read. */
  private async liveMotion(m: VoteMotionEntity, voted?: ReadonlySet<string>, sealed?: VoteResultRecord | null): Promise<LiveMotion> {
    const { spec, eligibility } = await this.openState(m);
    const record = m.status === 'closed' ? (sealed ?? (JSON.parse(m.result ?? 'null') as VoteResultRecord | null)) : null;
    voted ??= new Set(await this.store.voters(m.id));
    return {
      id: m.id,
      itemId: m.itemId,
      spec,
      status: m.status === 'closed' ? 'closed' : 'open',
      openedAt: (m.openedAt ?? m.createdAt).toISOString(),
      closesAt: m.closesAt?.toISOString() ?? null,
      closedAt: m.closedAt?.toISOString() ?? null,
      progress: progressOf(eligibility, voted),
      outcome: record ? { decided: record.decided, receiptCount: record.receipts.length, resultHash: m.resultHash ?? '' } : null,
    };
  }

  /**
   * One progress delta per interval while ballots arrive; the count comes from the store, never a counter. When
   * the last eligible ballot is accepted the delta goes out at once: the chair closes on "all voted".
   */
  private progressSoon(meetingId: string, motionId: string, forUserId: string): void {
    const motion = this.open.get(motionId);
    if (!motion) return;
    motion.seen.add(forUserId);
    if (!motion.allSeenPublished && motion.seen.size >= motion.eligibility.voters.length) {
      motion.allSeenPublished = true;
      clearTimeout(this.progressTimers.get(motionId));
      this.progressTimers.delete(motionId);
      // Every eligible voter's ballot is accepted (stored, or a secret one in its batch): the count is known without
      // a read, which under a hall's load waits for a pooled connection while batches commit. A recount still in
      // flight is older and is dropped.
      motion.progressShown = ++motion.progressCounts;
      this.hub.publish(meetingId, roomDelta('votes', { kind: 'progress', motionId, progress: progressOf(motion.eligibility, motion.seen) }));
      return;
    }
    if (this.progressTimers.has(motionId)) return;
    const timer = setTimeout(() => {
      this.progressTimers.delete(motionId);
      this.publishProgress(meetingId, motionId, motion);
    }, PROGRESS_INTERVAL_MS);
    timer.unref();
    this.progressTimers.set(motionId, timer);
  }

  private publishProgress(meetingId: string, motionId: string, motion: OpenMotion): void {
    // Recounts run on separate connections and may finish out of order; an older one published last would leave the
    // chair looking at a stale count (the final "all voted" overwritten by a tick read a moment before).
    const count = ++motion.progressCounts;
    void this.store
      .voters(motionId)
      .then((voters) => {
        if (!this.open.has(motionId) || count < motion.progressShown) return;
        motion.progressShown = count;
        this.hub.publish(meetingId, roomDelta('votes', { kind: 'progress', motionId, progress: progressOf(motion.eligibility, new Set(voters)) }));
      })
      .catch((err: unknown) => this.logger.warn({ motionId, err: String(err) }, 'vote progress not published'));
  }

  private scheduleClose(meetingId: string, motionId: string, at: Date): void {
    clearTimeout(this.countdowns.get(motionId));
    // setTimeout holds at most ~24.8 days; a countdown is at most an hour.
    const timer = setTimeout(() => {
      this.countdowns.delete(motionId);
      this.closeVote(meetingId, null, motionId).catch((err: unknown) => {
        if (!(err instanceof ApiError && err.code === 'VOTE_CLOSED')) this.logger.error({ motionId, err: String(err) }, 'the countdown could not close the vote');
      });
    }, Math.max(0, at.getTime() - Date.now()));
    timer.unref();
    this.countdowns.set(motionId, timer);
  }

  private forget(motionId: string): void {
    this.open.delete(motionId);
    clearTimeout(this.progressTimers.get(motionId));
    this.progressTimers.delete(motionId);
    clearTimeout(this.countdowns.get(motionId));
    this.countdowns.delete(motionId);
  }

  private inLane<T>(meetingId: string, work: () => Promise<T>): Promise<T> {
    const run = (this.lanes.get(meetingId) ?? Promise.resolve()).then(work, work);
    const tail = run.catch(() => undefined);
    this.lanes.set(meetingId, tail);
    void tail.then(() => {
      if (this.lanes.get(meetingId) === tail) this.lanes.delete(meetingId);
    });
    return run;
  }
}

/** A site's operator carries the ballots of the members present at their site (named votes). */
function carrierOf(access: MeetingAccess, actor: AuthenticatedUser): Carrier {
  return { userId: actor.id, siteId: access.meetingRole === 'site' ? (actor.siteId ?? null) : null };
}
