import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { MeetingRole, MeetingSummaryDto } from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import { OrgUnitEntity } from '@phonghop/server-organisation';
import { In, Repository } from 'typeorm';
import { MeetingEntity, MeetingParticipantEntity } from './meeting.entity';

/** Drafts are the secretary's workspace: invitees see a meeting only once it is published. */
const VISIBLE_TO_INVITEES = ['published', 'in_progress', 'ended'] as const;

@Injectable()
export class MeetingsService {
  constructor(
    @InjectRepository(MeetingEntity) private readonly meetings: Repository<MeetingEntity>,
    @InjectRepository(MeetingParticipantEntity) private readonly participants: Repository<MeetingParticipantEntity>,
    @InjectRepository(OrgUnitEntity) private readonly units: Repository<OrgUnitEntity>,
  ) {}

  /** The caller's meetings, soonest first; ended ones last. */
  async listMine(userId: string): Promise<MeetingSummaryDto[]> {
    const mine = await this.participants.find({ where: { userId } });
    if (!mine.length) return [];
    const roleOf = new Map(mine.map((p) => [p.meetingId, p.meetingRole]));
    const rows = await this.meetings.find({ where: { id: In([...roleOf.keys()]) }, order: { startsAt: 'ASC' } });
    const visible = rows.filter(
      (m) => (VISIBLE_TO_INVITEES as readonly string[]).includes(m.status) || roleOf.get(m.id) === 'secretary',
    );
    const unitIds = [...new Set(visible.map((m) => m.organiserUnitId).filter((x): x is string => !!x))];
    const unitName = new Map((unitIds.length ? await this.units.find({ where: { id: In(unitIds) } }) : []).map((u) => [u.id, u.name]));
    const ended = (m: MeetingEntity) => (m.status === 'ended' ? 1 : 0);
    return visible
      .filter((m) => roleOf.has(m.id))
      .sort((a, b) => ended(a) - ended(b) || a.startsAt.getTime() - b.startsAt.getTime())
      .map((m) => ({
        id: m.id,
        title: m.title,
        kind: m.kind,
        status: m.status,
        startsAt: m.startsAt.toISOString(),
        endsAt: m.endsAt?.toISOString() ?? null,
        location: m.location,
        organiserUnitName: m.organiserUnitId ? (unitName.get(m.organiserUnitId) ?? null) : null,
        myRole: roleOf.get(m.id) as MeetingRole,
      }));
  }

  /** The caller's role in a meeting they may see, or null. */
  async roleOf(meetingId: string, userId: string): Promise<MeetingRole | null> {
    const p = await this.participants.findOne({ where: { meetingId, userId } });
    if (!p) return null;
    const m = await this.meetings.findOne({ where: { id: meetingId }, select: { id: true, status: true } });
    if (!m) return null;
    if (p.meetingRole !== 'secretary' && !(VISIBLE_TO_INVITEES as readonly string[]).includes(m.status)) return null;
    return p.meetingRole;
  }

  async requireRole(meetingId: string, userId: string): Promise<MeetingRole> {
    if (!(await this.meetings.exists({ where: { id: meetingId } }))) throw new ApiError('MEETING_NOT_FOUND');
    const role = await this.roleOf(meetingId, userId);
    if (!role) throw new ApiError('MEETING_ACCESS_DENIED');
    return role;
  }
}
