import { Injectable } from '@nestjs/common';
import type { MeetingRole } from '@phonghop/contracts';
import type { AuthenticatedUser } from '@phonghop/server-identity';
import { RoomAccessPolicy } from '@phonghop/server-realtime';
import { MeetingsService } from './meetings.service';

/** Only participants of a meeting join its realtime room, with their meeting role. */
@Injectable()
export class MeetingRoomAccess extends RoomAccessPolicy {
  constructor(private readonly meetings: MeetingsService) {
    super();
  }

  roleIn(meetingId: string, user: AuthenticatedUser): Promise<MeetingRole | null> {
    return this.meetings.roleOf(meetingId, user.id);
  }
}
