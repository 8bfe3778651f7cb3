import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { type AddParticipantsRequest, type DelegateCandidateDto, type MeetingRole, type ParticipantDto, type RosterEntry, type RsvpRequest, roomDelta, searchKey } from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import { type AuthenticatedUser, UserEntity, UserEvents } from '@phonghop/server-identity';
import { OrgUnitEntity } from '@phonghop/server-organisation';
import { RoomHub } from '@phonghop/server-realtime';
import { randomUUID } from 'node:crypto';
import type { Subscription } from 'rxjs';
import { DataSource, In, Repository } from 'typeorm';
import { MeetingEntity, MeetingParticipantEntity } from './meeting.entity';
import { EDITABLE, MeetingPreparationService } from './meeting-preparation.service';
import { MeetingsService } from './meetings.service';
import { SiteParticipantsService } from './site-participants.service';

interface Row {
  p: MeetingParticipantEntity;
  user: UserEntity | undefined;
  unitName: string | null;
}

/** Who is invited, with which role, and how each answered (attend, decline, send a proxy); sites through SiteParticipantsService. */
@Injectable()
export class ParticipantsService implements OnModuleInit, OnModuleDestroy {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(MeetingParticipantEntity) private readonly participants: Repository<MeetingParticipantEntity>,
    private readonly meetings: MeetingsService,
    private readonly preparation: MeetingPreparationService,
    private readonly sites: SiteParticipantsService,
    private readonly hub: RoomHub,
    private readonly userEvents: UserEvents,
  ) {}

  private readonly logger = new Logger('ParticipantsService');
  private siteAssignments?: Subscription;

  onModuleInit(): void {
    this.siteAssignments = this.userEvents.siteAssigned$.subscribe(({ userId, siteId }) => {
      this.seatSiteOperator(userId, siteId).catch((err: unknown) => this.logger.error({ userId, siteId, err: String(err) }, 'a new site operator was not seated'));
    });
  }

  onModuleDestroy(): void {
    this.siteAssignments?.unsubscribe();
  }

  /**
   * An account given a site after the site was invited takes its seat as that site's operator in every meeting not
   * yet over that invites the site (as if it had existed at the invitation), and is told of the invitation.
   */
  async seatSiteOperator(userId: string, siteId: string): Promise<string[]> {
    const seated: string[] = [];
    for (const meetingId of await this.sites.openMeetingsInviting(siteId, EDITABLE)) {
      // Already invited (in any role): nothing to add.
      if (await this.participants.existsBy({ meetingId, userId })) continue;
      await this.participants.insert({ id: randomUUID(), meetingId, userId, meetingRole: 'site', rsvp: 'pending' });
      seated.push(meetingId);
      await this.publishRoster(meetingId, [userId]);
      await this.preparation.announce(meetingId, 'invitation:new', [userId]);
    }
    return seated;
  }

  /** Everyone in the meeting sees the list; only its secretaries see why someone declined. */
  async list(meetingId: string, actor: AuthenticatedUser): Promise<ParticipantDto[]> {
    const access = await this.meetings.requireAccess(meetingId, actor.id);
    const rows = await this.rows(meetingId);
    return rows.map(({ p, user, unitName }) => ({
      id: p.id,
      userId: p.userId,
      fullName: user?.fullName ?? '—',
      title: user?.title ?? null,
      unitName,
      meetingRole: p.meetingRole,
      rsvp: p.rsvp,
      declineReason: access.canManage ? p.declineReason : null,
      delegateUserId: p.delegateUserId,
      representsUserId: p.representsUserId,
      respondedAt: p.respondedAt?.toISOString() ?? null,
    }));
  }

  /**
   * People a participant may delegate to: active accounts not yet in the meeting, matched by name or
   * username. Any participant may ask (delegates cannot list users in general), and gets names only.
   */
  async delegateCandidates(meetingId: string, actor: AuthenticatedUser, search: string): Promise<DelegateCandidateDto[]> {
    await this.meetings.requireAccess(meetingId, actor.id);
    const term = searchKey(search);
    if (term.length < 2) return [];
    const inMeeting = new Set((await this.participants.findBy({ meetingId })).map((p) => p.userId));
    const users = (await this.db.getRepository(UserEntity).find({ where: { disabled: false }, order: { fullName: 'ASC' } }))
      .filter((u) => !inMeeting.has(u.id) && (searchKey(u.fullName).includes(term) || u.username.includes(term)))
      .slice(0, 20);
    const unitIds = [...new Set(users.map((u) => u.unitId).filter((x): x is string => !!x))];
    const units = unitIds.length ? await this.db.getRepository(OrgUnitEntity).findBy({ id: In(unitIds) }) : [];
    const unitName = new Map(units.map((u) => [u.id, u.name]));
    return users.map((u) => ({ userId: u.id, fullName: u.fullName, title: u.title, unitName: u.unitId ? (unitName.get(u.unitId) ?? null) : null }));
  }

  /** The roster slice of the meeting's realtime room. */
  async roster(meetingId: string): Promise<RosterEntry[]> {
    return (await this.rows(meetingId)).map(({ p, user, unitName }) => this.toRoster(p, user, unitName));
  }

  /**
   * Invites people (one by one, by unit) with the request's role, and sites: each chosen site is a participant of its
   * own, with its operator accounts (if any) as `site`. Adding nothing at all is an error that says why.
   */
  async add(meetingId: string, actor: AuthenticatedUser, req: AddParticipantsRequest): Promise<ParticipantDto[]> {
    const m = await this.preparation.requireManaged(meetingId, actor);
    if (!EDITABLE.includes(m.status)) throw new ApiError('MEETING_NOT_EDITABLE');
    if (!req.userIds?.length && !req.unitIds?.length && !req.siteIds?.length) throw new ApiError('PARTICIPANTS_NOTHING_CHOSEN');
    const users = this.db.getRepository(UserEntity);
    const picked = req.userIds?.length ? await users.findBy({ id: In(req.userIds) }) : [];
    if (picked.length !== new Set(req.userIds).size) throw new ApiError('USER_NOT_FOUND');
    const chosenSites = req.siteIds?.length ? await this.sites.requireInvitable(req.siteIds) : [];
    const siteIds = new Set(chosenSites.map((s) => s.id));
    // A person added as a site's operator brings their site: the site, not the person, is what the site tree shows.
    if (req.meetingRole === 'site') {
      const theirs = [...new Set(picked.map((u) => u.siteId).filter((x): x is string => !!x))];
      for (const s of await this.sites.find(theirs)) if (!s.disabled) siteIds.add(s.id);
    }
    // Roles, weakest claim first: a unit's members, then the chosen sites' operators (always `site`), then people
    // picked by name, who get exactly the role asked for.
    const roleOf = new Map<string, MeetingRole>();
    if (req.unitIds?.length) for (const u of await users.findBy({ unitId: In(req.unitIds), disabled: false })) roleOf.set(u.id, req.meetingRole);
    if (chosenSites.length) for (const u of await users.findBy({ siteId: In(chosenSites.map((s) => s.id)), disabled: false })) roleOf.set(u.id, 'site');
    for (const u of picked) roleOf.set(u.id, req.meetingRole);

    const existing = new Set((await this.participants.findBy({ meetingId })).map((p) => p.userId));
    const invitedSites = new Set(await this.sites.siteIdsOf(meetingId));
    const added = [...roleOf.keys()].filter((id) => !existing.has(id));
    const addedSites = [...siteIds].filter((id) => !invitedSites.has(id));
    if (!added.length && !addedSites.length) throw new ApiError(roleOf.size || siteIds.size ? 'PARTICIPANTS_ALREADY_INVITED' : 'PARTICIPANTS_UNIT_EMPTY');
    await this.db.transaction(async (tx) => {
      for (const userId of added) {
        await tx.insert(MeetingParticipantEntity, { id: randomUUID(), meetingId, userId, meetingRole: roleOf.get(userId) ?? req.meetingRole, rsvp: 'pending' });
      }
      await this.sites.inviteIn(tx, meetingId, addedSites);
    });
    await this.publishRoster(meetingId, added);
    if (added.length) await this.preparation.announce(meetingId, 'invitation:new', added);
    if (addedSites.length) this.sites.notifyChanged(meetingId);
    return this.list(meetingId, actor);
  }

  /** Takes a site off the meeting, and with it its operators' invitations (they were there for the site). */
  async removeSite(meetingId: string, siteId: string, actor: AuthenticatedUser): Promise<void> {
    const m = await this.preparation.requireManaged(meetingId, actor);
    if (!EDITABLE.includes(m.status)) throw new ApiError('MEETING_NOT_EDITABLE');
    const operators = await this.sites.operatorIdsOf(siteId);
    const removed = await this.db.transaction(async (tx) => {
      if (!(await this.sites.removeIn(tx, meetingId, siteId))) throw new ApiError('PARTICIPANT_NOT_FOUND');
      if (!operators.length) return [];
      const seats = await tx.findBy(MeetingParticipantEntity, { meetingId, userId: In(operators), meetingRole: 'site' });
      const proxies = seats.length ? await tx.findBy(MeetingParticipantEntity, { meetingId, representsUserId: In(seats.map((p) => p.userId)) }) : [];
      const gone = [...seats, ...proxies];
      if (gone.length) await tx.delete(MeetingParticipantEntity, gone.map((p) => p.id));
      return gone;
    });
    for (const r of removed) this.hub.publish(meetingId, roomDelta('roster', { kind: 'remove', participantId: r.id }));
    this.sites.notifyChanged(meetingId);
  }

  async changeRole(meetingId: string, participantId: string, actor: AuthenticatedUser, meetingRole: MeetingRole): Promise<ParticipantDto[]> {
    const m = await this.preparation.requireManaged(meetingId, actor);
    if (!EDITABLE.includes(m.status)) throw new ApiError('MEETING_NOT_EDITABLE');
    const p = await this.requireParticipant(meetingId, participantId);
    if (p.userId === actor.id && meetingRole !== 'secretary') await this.assertNotLastSecretary(meetingId);
    await this.participants.update(p.id, { meetingRole });
    await this.publishRoster(meetingId, [p.userId]);
    return this.list(meetingId, actor);
  }

  async remove(meetingId: string, participantId: string, actor: AuthenticatedUser): Promise<void> {
    const m = await this.preparation.requireManaged(meetingId, actor);
    if (!EDITABLE.includes(m.status)) throw new ApiError('MEETING_NOT_EDITABLE');
    const p = await this.requireParticipant(meetingId, participantId);
    if (p.userId === actor.id) await this.assertNotLastSecretary(meetingId);
    const removed = await this.db.transaction(async (tx) => {
      // A removed person's proxy goes with them: the proxy only ever stood in for that person.
      const proxies = await tx.findBy(MeetingParticipantEntity, { meetingId, representsUserId: p.userId });
      await tx.delete(MeetingParticipantEntity, [p.id, ...proxies.map((x) => x.id)]);
      return [p, ...proxies];
    });
    for (const r of removed) this.hub.publish(meetingId, roomDelta('roster', { kind: 'remove', participantId: r.id }));
  }

  /** A participant answers the invitation for themself. Delegating creates the proxy's invitation. */
  async respond(meetingId: string, actor: AuthenticatedUser, req: RsvpRequest): Promise<ParticipantDto[]> {
    await this.meetings.requireAccess(meetingId, actor.id);
    const meeting = await this.db.getRepository(MeetingEntity).findOneByOrFail({ id: meetingId });
    if (!EDITABLE.includes(meeting.status)) throw new ApiError('MEETING_NOT_EDITABLE');
    const me = await this.participants.findOneByOrFail({ meetingId, userId: actor.id });
    if (req.response === 'delegate') {
      if (me.representsUserId) throw new ApiError('DELEGATE_INVALID'); // a proxy cannot pass the seat on again
      const target = await this.db.getRepository(UserEntity).findOneBy({ id: req.delegateUserId });
      if (!target || target.disabled || target.id === actor.id) throw new ApiError('DELEGATE_INVALID');
      const already = await this.participants.findOneBy({ meetingId, userId: target.id });
      if (already && already.representsUserId !== actor.id) throw new ApiError('DELEGATE_INVALID');
    }
    const now = new Date();
    const changed = await this.db.transaction(async (tx) => {
      const oldProxies = await tx.findBy(MeetingParticipantEntity, { meetingId, representsUserId: actor.id });
      const keepProxy = req.response === 'delegate' ? oldProxies.find((x) => x.userId === req.delegateUserId) : undefined;
      const dropped = oldProxies.filter((x) => x !== keepProxy);
      if (dropped.length) await tx.delete(MeetingParticipantEntity, dropped.map((x) => x.id));
      let proxy = keepProxy;
      if (req.response === 'delegate' && !proxy) {
        proxy = tx.create(MeetingParticipantEntity, {
          id: randomUUID(),
          meetingId,
          userId: req.delegateUserId,
          meetingRole: me.meetingRole,
          rsvp: 'pending',
          representsUserId: actor.id,
        });
        await tx.insert(MeetingParticipantEntity, proxy);
      }
      await tx.update(MeetingParticipantEntity, me.id, {
        rsvp: req.response === 'attend' ? 'attending' : req.response === 'decline' ? 'declined' : 'delegated',
        declineReason: req.response === 'attend' ? null : (req.reason?.trim() ?? null),
        delegateUserId: req.response === 'delegate' ? req.delegateUserId : null,
        respondedAt: now,
      });
      return { dropped, proxy: req.response === 'delegate' && !keepProxy ? proxy : undefined };
    });
    for (const d of changed.dropped) this.hub.publish(meetingId, roomDelta('roster', { kind: 'remove', participantId: d.id }));
    await this.publishRoster(meetingId, [actor.id, ...(changed.proxy ? [changed.proxy.userId] : [])]);
    if (changed.proxy) await this.preparation.announce(meetingId, 'invitation:new', [changed.proxy.userId]);
    return this.list(meetingId, actor);
  }

  private async publishRoster(meetingId: string, userIds: string[]): Promise<void> {
    if (!userIds.length || !this.hub.mayBeLive(meetingId)) return;
    for (const { p, user, unitName } of await this.rows(meetingId, userIds)) {
      this.hub.publish(meetingId, roomDelta('roster', { kind: 'upsert', entry: this.toRoster(p, user, unitName) }));
    }
  }

  private toRoster(p: MeetingParticipantEntity, user: UserEntity | undefined, unitName: string | null): RosterEntry {
    return {
      participantId: p.id,
      userId: p.userId,
      fullName: user?.fullName ?? '—',
      unitName,
      meetingRole: p.meetingRole,
      rsvp: p.rsvp,
      delegateUserId: p.delegateUserId,
      representsUserId: p.representsUserId,
    };
  }

  private async rows(meetingId: string, onlyUserIds?: string[]): Promise<Row[]> {
    const ps = await this.participants.findBy({ meetingId, ...(onlyUserIds ? { userId: In(onlyUserIds) } : {}) });
    if (!ps.length) return [];
    const users = await this.db.getRepository(UserEntity).findBy({ id: In(ps.map((p) => p.userId)) });
    const byId = new Map(users.map((u) => [u.id, u]));
    const unitIds = [...new Set(users.map((u) => u.unitId).filter((x): x is string => !!x))];
    const units = unitIds.length ? await this.db.getRepository(OrgUnitEntity).findBy({ id: In(unitIds) }) : [];
    const unitName = new Map(units.map((u) => [u.id, u.name]));
    return ps
      .map((p) => {
        const user = byId.get(p.userId);
        return { p, user, unitName: user?.unitId ? (unitName.get(user.unitId) ?? null) : null };
      })
      .sort((a, b) => (a.user?.fullName ?? '').localeCompare(b.user?.fullName ?? '', 'vi'));
  }

  private async requireParticipant(meetingId: string, participantId: string): Promise<MeetingParticipantEntity> {
    const p = await this.participants.findOneBy({ id: participantId, meetingId });
    if (!p) throw new ApiError('PARTICIPANT_NOT_FOUND');
    return p;
  }

  /** The last secretary stepping down would leave a meeting nobody can manage. */
  private async assertNotLastSecretary(meetingId: string): Promise<void> {
    if ((await this.participants.countBy({ meetingId, meetingRole: 'secretary' })) <= 1) throw new ApiError('FORBIDDEN');
  }
}
