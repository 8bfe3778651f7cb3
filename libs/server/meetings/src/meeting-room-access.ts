import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@phonghop/server-identity';
import { RoomAccessPolicy, type RoomMember } from '@phonghop/server-realtime';
import { MeetingsService } from './meetings.service';

/** Only participants of a meeting join its realtime room, with their meeting role; those who may preside also the hosts' channel. */
@Injectable()
export class MeetingRoomAccess extends RoomAccessPolicy {
  constructor(private readonly meetings: MeetingsService) {
    super();
  }

  async memberOf(meetingId: string, user: AuthenticatedUser): Promise<RoomMember | null> {
    const access = await this.meetings.access(meetingId, user.id);
    return access && { meetingRole: access.meetingRole, mayPreside: access.mayPreside };
  }
}
