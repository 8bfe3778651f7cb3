import { Injectable } from '@nestjs/common';
import { type AttendanceEntry, type AttendanceStatus, type MeetingStatus, roomDelta } from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import type { AuthenticatedUser } from '@phonghop/server-identity';
import { MeetingsService, ParticipantsService } from '@phonghop/server-meetings';
import { OrganisationService } from '@phonghop/server-organisation';
import { RoomHub } from '@phonghop/server-realtime';
import { timingSafeEqual } from 'node:crypto';
import { CheckInBatches } from './check-in-batches';
import { type AttendanceWrite, FloorStore } from './floor.store';
import { MeetingLanes } from './meeting-lanes';

/** Check-ins arriving within this window are written and broadcast together (see CheckInBatches). */
const CHECK_IN_WINDOW_MS = 100;

/**
 * Attendance (điểm danh): QR check-ins in the hall, a secretary's marks with hosts-only reasons, a site's roll call.
 * One row per person, written with its record event, then the `attendance` (and, when a reason changes, the
 * hosts' `absenceReasons`) deltas. Runs in the meeting's lane with the floor's changes.
 */
@Injectable()
export class AttendanceService {
  private readonly checkIns = new CheckInBatches(
    (meetingId, userIds) => this.writeCheckIns(meetingId, userIds),
    (meetingId, work) => this.lanes.run(meetingId, work),
    CHECK_IN_WINDOW_MS,
  );

  constructor(
    private readonly store: FloorStore,
    private readonly lanes: MeetingLanes,
    private readonly hub: RoomHub,
    private readonly meetings: MeetingsService,
    private readonly participants: ParticipantsService,
    private readonly organisation: OrganisationService,
  ) {}

  /** A delegate in the hall with the code shown on the display (or its link). */
  async checkIn(meetingId: string, actor: AuthenticatedUser, code: string): Promise<void> {
    const access = await this.meetings.requireAccess(meetingId, actor.id);
    requireCheckInOpen(access.meetingStatus);
    const expected = Buffer.from(await this.store.checkInCode(meetingId));
    const given = Buffer.from(code);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new ApiError('CHECK_IN_CODE_INVALID');
    await this.checkIns.add(meetingId, actor.id);
  }

  /** One batch of QR check-ins: scanning again changes nothing (a double tap, a retry), the first time stays. */
  private async writeCheckIns(meetingId: string, userIds: string[]): Promise<void> {
    const already = new Set((await this.store.attendanceFor(meetingId, userIds)).filter((a) => a.status === 'present' && a.method === 'qr').map((a) => a.userId));
    const at = new Date().toISOString();
    const writes = userIds
      .filter((userId) => !already.has(userId))
      .map((userId) => ({ entry: { userId, status: 'present' as const, method: 'qr' as const, siteId: null, siteName: null, at }, reason: null, recordedById: userId }));
    if (writes.length) await this.writeAttendance(meetingId, writes, []);
  }

  /** Those who preside mark someone present or absent (with a reason for the hosts), or clear the mark. */
  async mark(meetingId: string, actor: AuthenticatedUser, userId: string, status: AttendanceStatus | null, reason: string | null): Promise<void> {
    await this.meetings.requirePresiding(meetingId, actor.id);
    const roster = await this.participants.roster(meetingId);
    if (!roster.some((r) => r.userId === userId)) throw new ApiError('ATTENDANCE_NOT_MEMBER');
    if (status === null) return this.lanes.run(meetingId, () => this.writeAttendance(meetingId, [], [userId]));
    const entry: AttendanceEntry = { userId, status, method: 'secretary', siteId: null, siteName: null, at: new Date().toISOString() };
    await this.lanes.run(meetingId, () => this.writeAttendance(meetingId, [{ entry, reason: status === 'absent' ? reason : null, recordedById: actor.id }], []));
  }

  /** A site's operator confirms who of the meeting's participants is present at the site (the roll call). */
  async confirmRollCall(meetingId: string, actor: AuthenticatedUser, userIds: string[]): Promise<void> {
    const access = await this.meetings.requireAccess(meetingId, actor.id);
    if (access.meetingRole !== 'site' || !actor.siteId) throw new ApiError('FORBIDDEN');
    requireCheckInOpen(access.meetingStatus);
    const site = await this.organisation.site(actor.siteId);
    const roster = new Set((await this.participants.roster(meetingId)).map((r) => r.userId));
    const wanted = [...new Set(userIds.map((id) => id.toLowerCase()))];
    if (wanted.some((id) => !roster.has(id))) throw new ApiError('ATTENDANCE_NOT_MEMBER');
    const at = new Date().toISOString();
    // The site operator's own account counts as the site being there; the people are those confirmed.
    const writes = [actor.id, ...wanted.filter((id) => id !== actor.id)].map((userId) => ({
      entry: { userId, status: 'present' as const, method: 'site' as const, siteId: actor.siteId, siteName: site?.name ?? null, at },
      reason: null,
      recordedById: actor.id,
    }));
    await this.lanes.run(meetingId, () => this.writeAttendance(meetingId, writes, []));
  }

  async checkInCode(meetingId: string, actor: AuthenticatedUser): Promise<string> {
    await this.meetings.requirePresiding(meetingId, actor.id);
    return this.store.checkInCode(meetingId);
  }

  private async writeAttendance(meetingId: string, writes: AttendanceWrite[], cleared: string[]): Promise<void> {
    const events = [
      ...writes.map((w) => ({ kind: 'attendance' as const, at: w.entry.at, data: { userId: w.entry.userId, status: w.entry.status, method: w.entry.method, siteId: w.entry.siteId } })),
      ...cleared.map((userId) => ({ kind: 'attendance' as const, at: new Date().toISOString(), data: { userId, status: null } })),
    ];
    await this.store.writeAttendance(meetingId, writes, cleared, events);
    // A reason changes rarely: the hosts' channel hears of it only when it does (not on every check-in).
    const reasons = this.hub.has(meetingId) ? this.hub.snapshot(meetingId, 'hosts').state.absenceReasons : {};
    const setReason = (userId: string, reason: string | null) => {
      if ((reasons[userId] ?? null) !== reason) this.hub.publish(meetingId, roomDelta('absenceReasons', { kind: 'set', userId, reason }));
    };
    if (writes.length > 1) this.hub.publish(meetingId, roomDelta('attendance', { kind: 'upsertMany', entries: writes.map((w) => w.entry) }));
    else if (writes.length) this.hub.publish(meetingId, roomDelta('attendance', { kind: 'upsert', entry: writes[0].entry }));
    for (const w of writes) setReason(w.entry.userId, w.reason);
    for (const userId of cleared) {
      this.hub.publish(meetingId, roomDelta('attendance', { kind: 'remove', userId }));
      setReason(userId, null);
    }
  }
}

function requireCheckInOpen(status: MeetingStatus): void {
  if (status !== 'published' && status !== 'in_progress') throw new ApiError('CHECK_IN_NOT_OPEN');
}
