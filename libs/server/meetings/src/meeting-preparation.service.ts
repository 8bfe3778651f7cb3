import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import {
  type CreateMeetingRequest,
  type MeetingDetailDto,
  type MeetingStatus,
  type MeetingTransition,
  MEETING_TRANSITIONS,
  type UpdateMeetingRequest,
  canTransition,
} from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import type { AuthenticatedUser } from '@phonghop/server-identity';
import { ConferenceSiteEntity, OrgUnitEntity } from '@phonghop/server-organisation';
import { UserNotifier } from '@phonghop/server-realtime';
import { randomUUID } from 'node:crypto';
import { DataSource, In, type EntityManager, Repository } from 'typeorm';
import { buildIcs } from './ics';
import { MeetingEntity, MeetingParticipantEntity, MeetingSiteEntity, MeetingUnitEntity } from './meeting.entity';
import { toMeetingDetail, toMeetingSummary } from './meeting.mapper';
import { MeetingsService } from './meetings.service';
import { SiteParticipantsService } from './site-participants.service';

/** States in which the secretary may still change a meeting's details, participants and agenda. */
export const EDITABLE: readonly MeetingStatus[] = ['draft', 'published', 'in_progress'];
/** Chairs run the meeting: they may open and close it. Everything else is the secretary's. */
const CHAIR_TRANSITIONS: readonly MeetingTransition[] = ['start', 'end'];

@Injectable()
export class MeetingPreparationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(MeetingEntity) private readonly meetings: Repository<MeetingEntity>,
    @InjectRepository(MeetingParticipantEntity) private readonly participants: Repository<MeetingParticipantEntity>,
    private readonly access: MeetingsService,
    private readonly notifier: UserNotifier,
    private readonly sites: SiteParticipantsService,
  ) {}

  async create(actor: AuthenticatedUser, req: CreateMeetingRequest): Promise<MeetingDetailDto> {
    const startsAt = new Date(req.startsAt);
    const endsAt = req.endsAt ? new Date(req.endsAt) : null;
    if (endsAt && endsAt <= startsAt) throw new ApiError('MEETING_TIME_INVALID');
    const id = randomUUID();
    await this.db.transaction(async (tx) => {
      await this.assertRefsExist(tx, req);
      await tx.insert(MeetingEntity, {
        id,
        title: req.title.trim(),
        kind: req.kind,
        status: 'draft',
        startsAt,
        endsAt,
        location: req.location ?? null,
        description: req.description ?? null,
        organiserUnitId: req.organiserUnitId ?? actor.unitId,
        confidentiality: req.confidentiality ?? 'normal',
        createdById: actor.id,
        cancelReason: null,
        publishedAt: null,
        upperMeetingId: req.kind === 'in_person' ? null : (req.upperMeetingId?.toLowerCase() ?? null),
      });
      await this.replaceLinks(tx, id, req.participatingUnitIds ?? [], req.participatingSiteIds ?? []);
      // Whoever prepares the meeting is its secretary, so it never exists without someone to run it.
      await tx.insert(MeetingParticipantEntity, {
        id: randomUUID(),
        meetingId: id,
        userId: actor.id,
        meetingRole: 'secretary',
        rsvp: 'attending',
        respondedAt: new Date(),
      });
    });
    return this.detail(id, actor);
  }

  async detail(meetingId: string, actor: AuthenticatedUser): Promise<MeetingDetailDto> {
    const access = await this.access.requireAccess(meetingId, actor.id);
    const m = await this.meetings.findOneByOrFail({ id: meetingId });
    const [units, sites, organiser] = await Promise.all([
      this.db.getRepository(MeetingUnitEntity).findBy({ meetingId }),
      this.db.getRepository(MeetingSiteEntity).findBy({ meetingId }),
      m.organiserUnitId ? this.db.getRepository(OrgUnitEntity).findOneBy({ id: m.organiserUnitId }) : null,
    ]);
    return toMeetingDetail(m, access.meetingRole, organiser?.name ?? null, units.map((u) => u.unitId), sites.map((s) => s.siteId));
  }

  async update(meetingId: string, actor: AuthenticatedUser, req: UpdateMeetingRequest): Promise<MeetingDetailDto> {
    const m = await this.requireManaged(meetingId, actor);
    if (!EDITABLE.includes(m.status)) throw new ApiError('MEETING_NOT_EDITABLE');
    const startsAt = req.startsAt ? new Date(req.startsAt) : m.startsAt;
    const endsAt = req.endsAt === undefined ? m.endsAt : req.endsAt ? new Date(req.endsAt) : null;
    if (endsAt && endsAt <= startsAt) throw new ApiError('MEETING_TIME_INVALID');
    await this.db.transaction(async (tx) => {
      await this.assertRefsExist(tx, req);
      await tx.update(MeetingEntity, meetingId, {
        ...(req.title !== undefined && { title: req.title.trim() }),
        ...(req.kind !== undefined && { kind: req.kind }),
        ...(req.location !== undefined && { location: req.location }),
        ...(req.description !== undefined && { description: req.description }),
        ...(req.organiserUnitId !== undefined && { organiserUnitId: req.organiserUnitId }),
        ...(req.confidentiality !== undefined && { confidentiality: req.confidentiality }),
        ...(req.upperMeetingId !== undefined && { upperMeetingId: req.upperMeetingId?.toLowerCase() ?? null }),
        ...(req.kind === 'in_person' && { upperMeetingId: null }),
        startsAt,
        endsAt,
        updatedAt: new Date(),
      });
      if (req.participatingUnitIds || req.participatingSiteIds) {
        const current = await this.linksOf(tx, meetingId);
        await this.replaceLinks(tx, meetingId, req.participatingUnitIds ?? current.units, req.participatingSiteIds ?? current.sites);
      }
    });
    if (m.status !== 'draft') await this.announce(meetingId, 'meeting:changed');
    if (req.participatingSiteIds) this.sites.notifyChanged(meetingId);
    return this.detail(meetingId, actor);
  }

  async transition(meetingId: string, actor: AuthenticatedUser, transition: MeetingTransition, reason?: string): Promise<MeetingDetailDto> {
    const access = await this.access.requireAccess(meetingId, actor.id);
    const allowed = access.canManage || (access.meetingRole === 'chair' && CHAIR_TRANSITIONS.includes(transition));
    if (!allowed) throw new ApiError('FORBIDDEN');
    const m = await this.meetings.findOneByOrFail({ id: meetingId });
    if (!canTransition(m.status, transition)) throw new ApiError('MEETING_INVALID_TRANSITION');
    const now = new Date();
    // Conditional update: two secretaries pressing "publish" at once cannot both win.
    const res = await this.meetings.update(
      { id: meetingId, status: m.status },
      {
        status: MEETING_TRANSITIONS[transition].to,
        updatedAt: now,
        ...(transition === 'publish' && { publishedAt: now }),
        ...(transition === 'cancel' && { cancelReason: reason?.trim() ?? null }),
      },
    );
    if (!res.affected) throw new ApiError('MEETING_INVALID_TRANSITION');
    await this.announce(meetingId, transition === 'publish' ? 'invitation:new' : 'meeting:changed');
    return this.detail(meetingId, actor);
  }

  async invitationIcs(meetingId: string, actor: AuthenticatedUser): Promise<{ fileName: string; body: string }> {
    await this.access.requireAccess(meetingId, actor.id);
    const m = await this.meetings.findOneByOrFail({ id: meetingId });
    const body = buildIcs({
      uid: m.id,
      title: m.title,
      startsAt: m.startsAt,
      endsAt: m.endsAt,
      location: m.location,
      description: m.description,
      cancelled: m.status === 'cancelled',
      updatedAt: m.updatedAt,
      sequence: Math.floor(m.updatedAt.getTime() / 1000),
    });
    return { fileName: `giay-moi-${m.startsAt.toISOString().slice(0, 10)}.ics`, body };
  }

  /** The meeting, if the actor is one of its secretaries. */
  async requireManaged(meetingId: string, actor: AuthenticatedUser): Promise<MeetingEntity> {
    const access = await this.access.requireAccess(meetingId, actor.id);
    if (!access.canManage) throw new ApiError('FORBIDDEN');
    return this.meetings.findOneByOrFail({ id: meetingId });
  }

  /** Pushes the meeting to every participant's devices: an invitation on publish, a change otherwise. */
  async announce(meetingId: string, event: 'invitation:new' | 'meeting:changed', onlyUserIds?: string[]): Promise<void> {
    const m = await this.meetings.findOneByOrFail({ id: meetingId });
    if (m.status === 'draft') return; // nobody but the secretaries knows about a draft
    const rows = await this.participants.findBy({ meetingId, ...(onlyUserIds ? { userId: In(onlyUserIds) } : {}) });
    const organiser = m.organiserUnitId ? await this.db.getRepository(OrgUnitEntity).findOneBy({ id: m.organiserUnitId }) : null;
    for (const p of rows) {
      const summary = toMeetingSummary(m, p.meetingRole, organiser?.name ?? null);
      if (event === 'invitation:new') this.notifier.notify([p.userId], event, { meeting: summary });
      else this.notifier.notify([p.userId], event, summary);
    }
  }

  private async assertRefsExist(tx: EntityManager, req: UpdateMeetingRequest): Promise<void> {
    const unitIds = [...(req.participatingUnitIds ?? []), ...(req.organiserUnitId ? [req.organiserUnitId] : [])];
    if (unitIds.length && (await tx.countBy(OrgUnitEntity, { id: In([...new Set(unitIds)]) })) !== new Set(unitIds).size) {
      throw new ApiError('UNIT_NOT_FOUND');
    }
    const siteIds = req.participatingSiteIds ?? [];
    if (siteIds.length && (await tx.countBy(ConferenceSiteEntity, { id: In([...new Set(siteIds)]) })) !== new Set(siteIds).size) {
      throw new ApiError('SITE_NOT_FOUND');
    }
  }

  private async linksOf(tx: EntityManager, meetingId: string): Promise<{ units: string[]; sites: string[] }> {
    const [units, sites] = await Promise.all([tx.findBy(MeetingUnitEntity, { meetingId }), tx.findBy(MeetingSiteEntity, { meetingId })]);
    return { units: units.map((u) => u.unitId), sites: sites.map((s) => s.siteId) };
  }

  private async replaceLinks(tx: EntityManager, meetingId: string, unitIds: string[], siteIds: string[]): Promise<void> {
    await tx.delete(MeetingUnitEntity, { meetingId });
    await tx.delete(MeetingSiteEntity, { meetingId });
    for (const unitId of new Set(unitIds)) await tx.insert(MeetingUnitEntity, { meetingId, unitId });
    for (const siteId of new Set(siteIds)) await tx.insert(MeetingSiteEntity, { meetingId, siteId });
  }
}
