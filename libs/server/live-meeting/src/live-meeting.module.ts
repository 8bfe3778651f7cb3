import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MeetingsModule } from '@phonghop/server-meetings';
import { OrganisationModule } from '@phonghop/server-organisation';
import { DisplayAccessPolicy } from '@phonghop/server-realtime';
import { AttendanceService } from './attendance.service';
import { DisplaysService } from './displays.service';
import { FloorRequestHandler } from './floor-requests';
import { FloorStore } from './floor.store';
import { LIVE_MEETING_ENTITIES } from './live-meeting.entity';
import { LiveMeetingController } from './live-meeting.controller';
import { LiveMeetingService } from './live-meeting.service';
import { MeetingLanes } from './meeting-lanes';

@Module({
  imports: [TypeOrmModule.forFeature(LIVE_MEETING_ENTITIES), MeetingsModule, OrganisationModule],
  controllers: [LiveMeetingController],
  providers: [FloorStore, MeetingLanes, LiveMeetingService, AttendanceService, FloorRequestHandler, DisplaysService, { provide: DisplayAccessPolicy, useExisting: DisplaysService }],
  exports: [LiveMeetingService, AttendanceService, DisplayAccessPolicy],
})
export class LiveMeetingModule {}
