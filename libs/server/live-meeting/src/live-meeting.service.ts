import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  type AttendanceEntry,
  type FloorState,
  type QuorumRule,
  type RecordEventDto,
  type RecordEventKind,
  type RosterEntry,
  type SpeakerRequest,
  type SpeechKind,
  floorSlice,
  roomDelta,
} from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import { type AuthenticatedUser, UsersService } from '@phonghop/server-identity';
import { AgendaService, MeetingPreparationService, MeetingsService, ParticipantsService } from '@phonghop/server-meetings';
import { OrganisationService } from '@phonghop/server-organisation';
import { RoomHub } from '@phonghop/server-realtime';
import { randomUUID } from 'node:crypto';
import { Subject } from 'rxjs';
import * as rules from './floor-rules';
import { FloorStore } from './floor.store';
import { MeetingLanes } from './meeting-lanes';
import type { AttendanceEntity } from './live-meeting.entity';

/** How often a change is retried when another process wrote the floor first. */
const CONFLICT_RETRIES = 3;

/** A floor after a change, for domains that follow it (the conference: speaker and list at the SFU). */
export interface FloorChanged {
  meetingId: string;
  floor: FloorState;
  /** The speaker changed (someone new, or nobody) rather than only the list or the clock. */
  speakerChanged: boolean;
}

/** What the minutes and statistics read of a live meeting (see `recordFacts`). */
export interface LiveMeetingFacts {
  floor: FloorState;
  events: RecordEventDto[];
  /** Every attendance mark, with the reason for an absence (hosts only). */
  attendance: (AttendanceEntry & { reason: string | null })[];
}

const toEntry = (a: AttendanceEntity): AttendanceEntry => ({
  userId: a.userId,
  status: a.status,
  method: a.method,
  siteId: a.siteId,
  siteName: a.siteName,
  at: a.at.toISOString(),
});

/**
 * The floor's rules applied to stored state: who may do what (the meetings domain decides who presides), one change
 * at a time per meeting, each a versioned write with its record events, then deltas on the room. Attendance is
 * AttendanceService's.
 * The conference follows `floorChanged$` (a site given the floor here gets it at the SFU too).
 */
@Injectable()
export class LiveMeetingService implements OnModuleInit {
  private readonly floorSubject = new Subject<FloorChanged>();
  readonly floorChanged$ = this.floorSubject.asObservable();

  constructor(
    private readonly store: FloorStore,
    private readonly lanes: MeetingLanes,
    private readonly hub: RoomHub,
    private readonly meetings: MeetingsService,
    private readonly preparation: MeetingPreparationService,
    private readonly agenda: AgendaService,
    private readonly participants: ParticipantsService,
    private readonly organisation: OrganisationService,
    private readonly users: UsersService,
  ) {}

  onModuleInit(): void {
    this.hub.registerLoader(async (meetingId) => {
      const [floor, attendance] = await Promise.all([this.store.floor(meetingId), this.store.attendance(meetingId)]);
      return {
        floor: floor.state,
        attendance: Object.fromEntries(attendance.map((a) => [a.userId, toEntry(a)])),
        absenceReasons: Object.fromEntries(attendance.filter((a) => a.reason && a.status === 'absent').map((a) => [a.userId, a.reason as string])),
      };
    });
  }

  /** The stored floor, for a domain that already checked access (the conference, when someone joins). */
  async currentFloor(meetingId: string): Promise<FloorState> {
    return (await this.store.floor(meetingId)).state;
  }

  // ---- the session and the agenda ---------------------------------------------------------------------

  /** Opens the session; a meeting only published is started (in progress) first. */
  async start(meetingId: string, actor: AuthenticatedUser): Promise<number> {
    const status = (await this.meetings.requirePresiding(meetingId, actor.id)).meetingStatus;
    if (status === 'published') await this.preparation.transition(meetingId, actor, 'start');
    else if (status !== 'in_progress') throw new ApiError('MEETING_INVALID_TRANSITION');
    return this.change(meetingId, (floor, now) => rules.openSession(floor, now));
  }

  /** Closes the session (speech and item with it) and ends the meeting. */
  async end(meetingId: string, actor: AuthenticatedUser): Promise<number> {
    const status = (await this.meetings.requirePresiding(meetingId, actor.id)).meetingStatus;
    const version = await this.change(meetingId, (floor, now) => rules.closeSession(floor, now));
    if (status === 'in_progress') await this.preparation.transition(meetingId, actor, 'end');
    return version;
  }

  async openItem(meetingId: string, actor: AuthenticatedUser, itemId: string): Promise<number> {
    await this.meetings.requirePresiding(meetingId, actor.id);
    const item = (await this.agenda.itemsOf(meetingId)).find((i) => i.id === itemId.toLowerCase());
    if (!item) throw new ApiError('FLOOR_ITEM_NOT_FOUND');
    return this.change(meetingId, (floor, now) => rules.openItem(floor, item.id, item.title, now));
  }

  async closeItem(meetingId: string, actor: AuthenticatedUser): Promise<number> {
    await this.meetings.requirePresiding(meetingId, actor.id);
    return this.change(meetingId, (floor, now) => rules.closeItem(floor, now));
  }

  async setSettings(meetingId: string, actor: AuthenticatedUser, settings: { speakingSeconds?: number; quorum?: QuorumRule }): Promise<number> {
    await this.meetings.requirePresiding(meetingId, actor.id);
    return this.change(meetingId, (floor) => ({
      deltas: [{ kind: 'settings', speakingSeconds: settings.speakingSeconds ?? floor.speakingSeconds, quorum: settings.quorum ?? floor.quorum }],
      events: [],
    }));
  }

  // ---- the speakers list ------------------------------------------------------------------------------

  async requestFloor(meetingId: string, actor: AuthenticatedUser, kind: SpeechKind, topic: string | null): Promise<{ floorVersion: number; requestId: string }> {
    await this.meetings.requireAccess(meetingId, actor.id);
    const request = { ...(await this.speakerIdentity(meetingId, actor.id)), id: randomUUID(), kind, topic, requestedAt: new Date().toISOString() };
    const floorVersion = await this.change(meetingId, (floor) => rules.addRequest(floor, request));
    return { floorVersion, requestId: request.id };
  }

  /** One's own request, or anyone's for those who preside. */
  async withdraw(meetingId: string, actor: AuthenticatedUser, requestId: string): Promise<number> {
    const access = await this.meetings.requireAccess(meetingId, actor.id);
    return this.change(meetingId, (floor) => {
      const request = floor.queue.find((q) => q.id === requestId);
      if (!request) throw new ApiError('FLOOR_REQUEST_NOT_FOUND');
      if (request.userId !== actor.id && !access.mayPreside) throw new ApiError('FORBIDDEN');
      return rules.removeRequest(floor, requestId);
    });
  }

  /** Withdraws the caller's own waiting request, if any (a site lowering its hand in the conference). */
  async withdrawOwn(meetingId: string, actor: AuthenticatedUser): Promise<number> {
    await this.meetings.requireAccess(meetingId, actor.id);
    return this.change(meetingId, (floor) => {
      const own = floor.queue.find((q) => q.userId === actor.id);
      return own ? rules.removeRequest(floor, own.id) : { deltas: [], events: [] };
    });
  }

  async reorder(meetingId: string, actor: AuthenticatedUser, requestIds: string[]): Promise<number> {
    await this.meetings.requirePresiding(meetingId, actor.id);
    return this.change(meetingId, (floor) => rules.reorder(floor, requestIds));
  }

  /**
   * Gives the floor to a request in the list, straight to a participant, or (neither given) to the next in the
   * list who is connected.
   */
  async giveFloor(meetingId: string, actor: AuthenticatedUser, to: { requestId?: string; userId?: string; seconds?: number }): Promise<number> {
    await this.meetings.requirePresiding(meetingId, actor.id);
    const direct = to.userId && !to.requestId ? await this.speakerIdentity(meetingId, to.userId.toLowerCase()) : null;
    return this.change(meetingId, (floor, now) => {
      let target: SpeakerRequest | null;
      if (to.requestId) target = floor.queue.find((q) => q.id === to.requestId) ?? null;
      else if (direct) target = { ...direct, id: randomUUID(), kind: 'speech', topic: null, requestedAt: now.toISOString() };
      else target = rules.nextRequest(floor, this.connectedUsers(meetingId));
      if (!target) throw new ApiError('FLOOR_REQUEST_NOT_FOUND');
      return rules.giveFloor(floor, target, to.seconds, now);
    });
  }

  async endSpeech(meetingId: string, actor: AuthenticatedUser): Promise<number> {
    await this.meetings.requirePresiding(meetingId, actor.id);
    return this.change(meetingId, (floor, now) => rules.endSpeech(floor, now));
  }

  async extendSpeech(meetingId: string, actor: AuthenticatedUser, seconds: number): Promise<number> {
    await this.meetings.requirePresiding(meetingId, actor.id);
    return this.change(meetingId, (floor, now) => rules.extendSpeech(floor, seconds, now));
  }

  /** The running record, for those who preside (the minutes are written beside it). */
  async record(meetingId: string, actor: AuthenticatedUser): Promise<RecordEventDto[]> {
    await this.meetings.requirePresiding(meetingId, actor.id);
    return (await this.store.events(meetingId)).map((e) => ({ kind: e.kind as RecordEventKind, at: e.at.toISOString(), data: JSON.parse(e.data) as Record<string, unknown> }));
  }

  /**
   * The floor (its quorum rule) and who is marked present or absent now, for a domain that already checked who
   * asks (voting: the quorum check and who may vote when a vote opens).
   */
  async attendanceNow(meetingId: string): Promise<{ floor: FloorState; attendance: Record<string, AttendanceEntry> }> {
    const [floor, attendance] = await Promise.all([this.store.floor(meetingId), this.store.attendance(meetingId)]);
    return { floor: floor.state, attendance: Object.fromEntries(attendance.map((a) => [a.userId, toEntry(a)])) };
  }

  /**
   * The running record, attendance with the hosts' reasons, and the floor, for a domain that already checked who
   * asks (the minutes and the meeting statistics).
   */
  async recordFacts(meetingId: string): Promise<LiveMeetingFacts> {
    const [floor, events, attendance] = await Promise.all([this.store.floor(meetingId), this.store.events(meetingId), this.store.attendance(meetingId)]);
    return {
      floor: floor.state,
      events: events.map((e) => ({ kind: e.kind as RecordEventKind, at: e.at.toISOString(), data: JSON.parse(e.data) as Record<string, unknown> })),
      attendance: attendance.map((a) => ({ ...toEntry(a), reason: a.reason })),
    };
  }

  /** A new code for the hall's QR: a photo of the old one sent round no longer checks anyone in. */
  async renewCheckInCode(meetingId: string, actor: AuthenticatedUser): Promise<string> {
    await this.meetings.requirePresiding(meetingId, actor.id);
    const code = await this.store.renewCheckInCode(meetingId);
    // Displays hear that the QR changed (not the code: it must not reach tablets outside the hall) and fetch it.
    await this.change(meetingId, (floor) => ({ deltas: [{ kind: 'checkIn', checkInRevision: floor.checkInRevision + 1 }], events: [] }));
    return code;
  }

  // ---- internals --------------------------------------------------------------------------------------

  /**
   * Runs one change: reads the stored floor, applies the rule, writes the new state with its record events if the
   * version is still the one read (else reads again), then publishes the deltas. Returns the stored version.
   */
  private change(meetingId: string, rule: (floor: FloorState, now: Date) => rules.FloorChange): Promise<number> {
    const run = async (): Promise<number> => {
      for (let attempt = 1; ; attempt++) {
        const { state, version } = await this.store.floor(meetingId);
        const now = new Date();
        const { deltas, events } = rule(state, now);
        if (!deltas.length) return version;
        const next = deltas.reduce(floorSlice.apply, state);
        try {
          const written = await this.store.writeFloor(meetingId, version, next, events);
          for (const d of deltas) this.hub.publish(meetingId, roomDelta('floor', d));
          const speakerChanged = next.speaker?.id !== state.speaker?.id || next.speaker?.startedAt !== state.speaker?.startedAt;
          this.floorSubject.next({ meetingId, floor: next, speakerChanged });
          return written;
        } catch (err) {
          if (!(err instanceof ApiError && err.code === 'FLOOR_CONFLICT') || attempt >= CONFLICT_RETRIES) throw err;
        }
      }
    };
    return this.lanes.run(meetingId, run);
  }

  /** How a participant appears on the speakers list: a site's account as its site, a person with their unit. */
  private async speakerIdentity(meetingId: string, userId: string): Promise<Pick<SpeakerRequest, 'userId' | 'name' | 'unitName' | 'siteId'>> {
    const entry: RosterEntry | undefined = (await this.participants.roster(meetingId)).find((r) => r.userId === userId);
    if (!entry) throw new ApiError('ATTENDANCE_NOT_MEMBER');
    if (entry.meetingRole === 'site') {
      const siteId = (await this.users.get(userId)).siteId;
      const site = siteId ? await this.organisation.site(siteId) : null;
      if (site) return { userId, name: site.name, unitName: entry.unitName, siteId: site.id };
    }
    return { userId, name: entry.fullName, unitName: entry.unitName, siteId: null };
  }

  private connectedUsers(meetingId: string): Set<string> {
    if (!this.hub.has(meetingId)) return new Set();
    return new Set(this.hub.snapshot(meetingId).state.presence.map((p) => p.userId));
  }
}
