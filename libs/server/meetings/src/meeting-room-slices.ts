import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type Ack, NOTICE_MAX_LENGTH, errorBody, isUuid, roomDelta } from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import { type RealtimeClient, RoomHub, SocketRequests } from '@phonghop/server-realtime';
import { MeetingsService } from './meetings.service';
import { ParticipantsService } from './participants.service';

/**
 * The meetings domain's slices of the room: fills the roster from the database when a room opens, and answers
 * `room:notice` (the notice line those who preside show to everyone).
 */
@Injectable()
export class MeetingRoomSlices implements OnModuleInit {
  constructor(
    private readonly hub: RoomHub,
    private readonly requests: SocketRequests,
    private readonly meetings: MeetingsService,
    private readonly participants: ParticipantsService,
  ) {}

  onModuleInit(): void {
    this.hub.registerLoader(async (meetingId) => ({ roster: await this.participants.roster(meetingId) }));
    this.requests.handle('room:notice', (client, body) => this.setNotice(client, body));
  }

  async setNotice(client: RealtimeClient, body: unknown): Promise<Ack<{ version: number }>> {
    const { meetingId, notice: raw } = (body ?? {}) as { meetingId?: unknown; notice?: unknown };
    const notice = typeof raw === 'string' ? raw.trim() || null : raw === null ? null : undefined;
    if (!isUuid(meetingId) || notice === undefined || (notice && notice.length > NOTICE_MAX_LENGTH)) {
      return { ok: false, error: errorBody('VALIDATION_FAILED') };
    }
    try {
      await this.meetings.requirePresiding(meetingId.toLowerCase(), client.user.id);
    } catch (err) {
      if (err instanceof ApiError) return { ok: false, error: errorBody(err.code) };
      throw err;
    }
    // The notice lives only in the open room (it is not stored): nobody is there to read it otherwise.
    const msg = this.hub.publish(meetingId.toLowerCase(), roomDelta('notice', { kind: 'set', notice }));
    if (!msg) return { ok: false, error: errorBody('MEETING_ACCESS_DENIED') };
    return { ok: true, data: { version: msg.version } };
  }
}
