import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrgUnitEntity } from '@phonghop/server-organisation';
import { RoomAccessPolicy } from '@phonghop/server-realtime';
import { MeetingEntity, MeetingParticipantEntity } from './meeting.entity';
import { MeetingRoomAccess } from './meeting-room-access';
import { MeetingsController } from './meetings.controller';
import { MeetingsService } from './meetings.service';

export const MEETING_ENTITIES = [MeetingEntity, MeetingParticipantEntity];

@Module({
  imports: [TypeOrmModule.forFeature([...MEETING_ENTITIES, OrgUnitEntity])],
  controllers: [MeetingsController],
  providers: [MeetingsService, { provide: RoomAccessPolicy, useClass: MeetingRoomAccess }],
  exports: [MeetingsService, RoomAccessPolicy],
})
export class MeetingsModule {}
