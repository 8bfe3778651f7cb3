import { Injectable, type OnModuleInit } from '@nestjs/common';
import { RoomHub } from '@phonghop/server-realtime';
import { ParticipantsService } from './participants.service';

/** Fills the roster slice of a meeting's realtime room from the database when the room opens. */
@Injectable()
export class MeetingRoomSlices implements OnModuleInit {
  constructor(
    private readonly hub: RoomHub,
    private readonly participants: ParticipantsService,
  ) {}

  onModuleInit(): void {
    this.hub.registerLoader(async (meetingId) => ({ roster: await this.participants.roster(meetingId) }));
  }
}
