import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type MeetingRole, type MeetingStatus, type MeetingSummaryDto, type MyMeetingDto, mayPreside } from '@phonghop/contracts';
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

  /** The caller's meetings, soonest first; ended ones last. Each carries the caller's own RSVP (the home page's "chưa trả lời"). */
  async listMine(userId: string): Promise<MyMeetingDto[]> {
    const { seats, visible } = await this.mySeats(userId);
    const unitIds = [...new Set(visible.map((m) => m.organiserUnitId).filter((x): x is string => !!x))];
    const unitName = new Map((unitIds.length ? await this.units.find({ where: { id: In(unitIds) } }) : []).map((u) => [u.id, u.name]));
    const ended = (m: MeetingEntity) => (m.status === 'ended' || m.status === 'cancelled' ? 1 : 0);
    return [...visible]
      .sort((a, b) => ended(a) - ended(b) || a.startsAt.getTime() - b.startsAt.getTime())
      .map((m) => {
        const own = seats.get(m.id) as MeetingParticipantEntity;
        const summary = toMeetingSummary(m, own.meetingRole, m.organiserUnitId ? (unitName.get(m.organiserUnitId) ?? null) : null);
        return { ...summary, myRsvp: own.rsvp };
      });
  }

  /**
   * The caller's rights in each meeting of their home list (the same meetings `listMine` answers), read together:
   * other domains use it to add per-meeting facts to the home page (new documents) in one request, not one per meeting.
   */
  async accessesOfMine(userId: string): Promise<MeetingAccess[]> {
    const { rows, seats, visible } = await this.mySeats(userId);
    return visible.map((m) => {
      const role = (seats.get(m.id) as MeetingParticipantEntity).meetingRole;
      const represented = rows.filter((r) => r.meetingId === m.id && r.representsUserId).map((r) => r.representsUserId as string);
      return { meetingId: m.id, userId, meetingRole: role, actsFor: [userId, ...represented], canManage: role === 'secretary', mayPreside: mayPreside(role), meetingStatus: m.status };
    });
  }

  /**
   * The caller's participant rows, their own seat per meeting (as in `standing`: one's own seat decides the role, a
   * proxy seat only when it is the only one) and the meetings their home list shows.
   */
  private async mySeats(userId: string): Promise<{ rows: MeetingParticipantEntity[]; seats: Map<string, MeetingParticipantEntity>; visible: MeetingEntity[] }> {
    const rows = await this.participants.find({ where: { userId } });
    const seats = new Map<string, MeetingParticipantEntity>();
    for (const r of rows) if (!seats.has(r.meetingId) || !r.representsUserId) seats.set(r.meetingId, r);
    if (!seats.size) return { rows, seats, visible: [] };
    const meetings = await this.meetings.find({ where: { id: In([...seats.keys()]) }, order: { startsAt: 'ASC' } });
    // Archived meetings leave the home list; cancelled ones stay (last) so nobody travels to them.
    const visible = meetings.filter(
      (m) => m.status !== 'archived' && ((VISIBLE_TO_INVITEES as readonly string[]).includes(m.status) || seats.get(m.id)?.meetingRole === 'secretary'),
    );
    return { rows, seats, visible };
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
