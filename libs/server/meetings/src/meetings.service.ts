import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type MeetingRole, type MeetingStatus, type MeetingSummaryDto, mayPreside } from '@phonghop/contracts';
import { ApiError, SameTurnReads } from '@phonghop/server-core';
import { OrgUnitEntity } from '@phonghop/server-organisation';
import { In, Repository } from 'typeorm';
import { MeetingEntity, MeetingParticipantEntity } from './meeting.entity';
import { toMeetingSummary } from './meeting.mapper';

export interface MeetingAccess {
  meetingId: string;
  userId: string;
  meetingRole: MeetingRole;
  actsFor: string[];
  /** The meeting's secretaries prepare it: documents, agenda, participants. */
  canManage: boolean;
  /** The chair and the secretaries run the live meeting: floor, attendance, conference floor, display. */
  mayPreside: boolean;
  /** The meeting's status when access was checked (read in the same query, so callers need not read it again). */
  meetingStatus: MeetingStatus;
}

/** Drafts are the secretary's workspace: invitees see a meeting only once it is published. */
export const VISIBLE_TO_INVITEES = ['published', 'in_progress', 'ended', 'archived', 'cancelled'] as const;

@Injectable()
export class MeetingsService {
  /** Per meeting: its status and the participant rows of the users asked for (see `standing`). */
  private readonly seats = new SameTurnReads<string, string, { m: Pick<MeetingEntity, 'id' | 'status'>; rows: MeetingParticipantEntity[] }>(async (meetingId, userIds) => {
    const [m, rows] = await Promise.all([
      this.meetings.findOne({ where: { id: meetingId }, select: { id: true, status: true } }),
      this.participants.find({ where: { meetingId, userId: In(userIds) } }),
    ]);
    if (!m) return new Map();
    const seats = new Map(userIds.map((userId) => [userId, { m, rows: [] as MeetingParticipantEntity[] }]));
    for (const r of rows) seats.get(r.userId)?.rows.push(r);
    return seats;
  });

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
    // Archived meetings leave the home list; cancelled ones stay (last) so nobody travels to them.
    const visible = rows.filter(
      (m) => m.status !== 'archived' && ((VISIBLE_TO_INVITEES as readonly string[]).includes(m.status) || roleOf.get(m.id) === 'secretary'),
    );
    const unitIds = [...new Set(visible.map((m) => m.organiserUnitId).filter((x): x is string => !!x))];
    const unitName = new Map((unitIds.length ? await this.units.find({ where: { id: In(unitIds) } }) : []).map((u) => [u.id, u.name]));
    const ended = (m: MeetingEntity) => (m.status === 'ended' || m.status === 'cancelled' ? 1 : 0);
    return visible
      .filter((m) => roleOf.has(m.id))
      .sort((a, b) => ended(a) - ended(b) || a.startsAt.getTime() - b.startsAt.getTime())
      .map((m) => toMeetingSummary(m, roleOf.get(m.id) as MeetingRole, m.organiserUnitId ? (unitName.get(m.organiserUnitId) ?? null) : null));
  }

  /** A meeting's public facts for a display screen (which has no user): title, status, kind, times, place. */
  async summaryOf(meetingId: string): Promise<MeetingSummaryDto | null> {
    const m = await this.meetings.findOne({ where: { id: meetingId } });
    if (!m) return null;
    const unit = m.organiserUnitId ? await this.units.findOne({ where: { id: m.organiserUnitId } }) : null;
    return toMeetingSummary(m, 'guest', unit?.name ?? null);
  }

  /** The caller's role in a meeting they may see, or null. */
  async roleOf(meetingId: string, userId: string): Promise<MeetingRole | null> {
    return (await this.standing(meetingId, userId)).role;
  }

  /**
   * What a user may do in a meeting, or null when they may not see it. `actsFor` holds the user's own id
   * plus the people they represent as a proxy (ủy quyền): a proxy receives those people's documents.
   */
  async access(meetingId: string, userId: string): Promise<MeetingAccess | null> {
    return (await this.standing(meetingId, userId)).access;
  }

  async requireAccess(meetingId: string, userId: string): Promise<MeetingAccess> {
    const { exists, access } = await this.standing(meetingId, userId);
    if (!exists) throw new ApiError('MEETING_NOT_FOUND');
    if (!access) throw new ApiError('MEETING_ACCESS_DENIED');
    return access;
  }

  /** Chair and secretaries only (the live meeting's actions); others get FORBIDDEN. */
  async requirePresiding(meetingId: string, userId: string): Promise<MeetingAccess> {
    const access = await this.requireAccess(meetingId, userId);
    if (!access.mayPreside) throw new ApiError('FORBIDDEN');
    return access;
  }

  async requireRole(meetingId: string, userId: string): Promise<MeetingRole> {
    return (await this.requireAccess(meetingId, userId)).meetingRole;
  }

  /**
   * One read of the meeting's status and one of the user's participant rows: every permission check of every route
   * and socket event goes through here, so it is kept to two queries, shared by the checks asked for in the same
   * turn of the event loop (a hall checking in or voting asks hundreds of times at once).
   */
  private async standing(meetingId: string, userId: string): Promise<{ exists: boolean; role: MeetingRole | null; access: MeetingAccess | null }> {
    const seat = await this.seats.load(meetingId, userId);
    if (!seat) return { exists: false, role: null, access: null };
    const { m, rows } = seat;
    // One's own seat decides the role; a proxy's seat carries the role of the person represented.
    const own = rows.find((r) => !r.representsUserId) ?? rows[0];
    if (!own || (own.meetingRole !== 'secretary' && !(VISIBLE_TO_INVITEES as readonly string[]).includes(m.status))) return { exists: true, role: null, access: null };
    const role = own.meetingRole;
    const represented = rows.map((r) => r.representsUserId).filter((x): x is string => !!x);
    return {
      exists: true,
      role,
      access: { meetingId, userId, meetingRole: role, actsFor: [userId, ...represented], canManage: role === 'secretary', mayPreside: mayPreside(role), meetingStatus: m.status },
    };
  }
}
