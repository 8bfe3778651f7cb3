import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PlacedSiteDto, SiteParticipantDto } from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import { type AuthenticatedUser, UserEntity } from '@phonghop/server-identity';
import { OrganisationService } from '@phonghop/server-organisation';
import { Subject } from 'rxjs';
import { DataSource, type EntityManager, In } from 'typeorm';
import { MeetingEntity, MeetingParticipantEntity, MeetingSiteEntity } from './meeting.entity';
import { MeetingsService } from './meetings.service';

/**
 * The sites (điểm cầu) invited to a meeting. A site is a participant in its own right — one `meeting_site` row —
 * whether or not it has a site-operator account: it is what the conference's site tree shows. Its operators, when
 * it has any, are person participants (meeting role `site`) beside it. People rows stay people only, so quorum,
 * votes, documents and annotations, which count and address people, never see a site.
 */
@Injectable()
export class SiteParticipantsService {
  private readonly changes = new Subject<string>();
  /** Meetings whose invited sites changed: an open conference redraws its site tree. */
  readonly changed$ = this.changes.asObservable();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly meetings: MeetingsService,
    private readonly organisation: OrganisationService,
  ) {}

  /** Everyone in the meeting may see which sites take part, and which have an operator to connect them. */
  async list(meetingId: string, actor: AuthenticatedUser): Promise<SiteParticipantDto[]> {
    await this.meetings.requireAccess(meetingId, actor.id);
    const sites = await this.placed(meetingId);
    if (!sites.length) return [];
    const operators = await this.db.getRepository(UserEntity).find({
      where: { siteId: In(sites.map((s) => s.id)), disabled: false },
      select: { id: true, fullName: true, siteId: true },
      order: { fullName: 'ASC' },
    });
    const invited = new Set(
      (await this.db.getRepository(MeetingParticipantEntity).findBy({ meetingId, userId: In(operators.map((o) => o.id)) })).map((p) => p.userId),
    );
    return sites.map((s) => ({
      ...s,
      operators: operators.filter((o) => o.siteId === s.id).map((o) => ({ userId: o.id, fullName: o.fullName, invited: invited.has(o.id) })),
    }));
  }

  async siteIdsOf(meetingId: string): Promise<string[]> {
    return (await this.db.getRepository(MeetingSiteEntity).findBy({ meetingId })).map((s) => s.siteId);
  }

  /** The invited sites placed in the hierarchy, in tree order: the conference's site tree. The caller has checked access. */
  async placed(meetingId: string): Promise<PlacedSiteDto[]> {
    return this.organisation.placedSites(await this.siteIdsOf(meetingId));
  }

  /** These sites as the hierarchy places them (unknown ids left out). */
  find(siteIds: readonly string[]): Promise<PlacedSiteDto[]> {
    return this.organisation.placedSites(siteIds);
  }

  /** The chosen sites, all of which must exist and be in service (a disabled site has no room to connect). */
  async requireInvitable(siteIds: readonly string[]): Promise<PlacedSiteDto[]> {
    const unique = [...new Set(siteIds)];
    const found = await this.organisation.placedSites(unique);
    if (found.length !== unique.length) throw new ApiError('SITE_NOT_FOUND');
    if (found.some((s) => s.disabled)) throw new ApiError('SITE_DISABLED');
    return found;
  }

  /** Adds, in the caller's transaction, the sites not yet invited (a concurrent add of the same site is ignored). */
  async inviteIn(tx: EntityManager, meetingId: string, siteIds: readonly string[]): Promise<void> {
    if (!siteIds.length) return;
    await tx
      .createQueryBuilder()
      .insert()
      .into(MeetingSiteEntity)
      .values([...new Set(siteIds)].map((siteId) => ({ meetingId, siteId })))
      .orIgnore()
      .execute();
  }

  /** Takes a site off the meeting in the caller's transaction; false when it was not invited. */
  async removeIn(tx: EntityManager, meetingId: string, siteId: string): Promise<boolean> {
    return ((await tx.delete(MeetingSiteEntity, { meetingId, siteId })).affected ?? 0) > 0;
  }

  /** The meetings not yet over (draft, published, in progress) that invite this site. */
  async openMeetingsInviting(siteId: string, statuses: readonly string[]): Promise<string[]> {
    const rows = await this.db
      .getRepository(MeetingSiteEntity)
      .createQueryBuilder('s')
      .innerJoin(MeetingEntity, 'm', 'm.id = s.meeting_id')
      .select('s.meeting_id', 'meetingId')
      .where('s.site_id = :siteId AND m.status IN (:...statuses)', { siteId, statuses })
      .getRawMany<{ meetingId: string }>();
    return rows.map((r) => r.meetingId);
  }

  /** The operator accounts of a site (for taking their invitations away with the site's). */
  async operatorIdsOf(siteId: string): Promise<string[]> {
    return (await this.db.getRepository(UserEntity).find({ where: { siteId }, select: { id: true } })).map((u) => u.id);
  }

  notifyChanged(meetingId: string): void {
    this.changes.next(meetingId);
  }
}
