import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganisationModule, OrgUnitEntity } from '@phonghop/server-organisation';
import { RoomAccessPolicy } from '@phonghop/server-realtime';
import { AgendaController } from './agenda.controller';
import { AgendaService } from './agenda.service';
import { AgendaItemEntity, MeetingEntity, MeetingParticipantEntity, MeetingSiteEntity, MeetingUnitEntity } from './meeting.entity';
import { MeetingPreparationService } from './meeting-preparation.service';
import { MeetingRoomAccess } from './meeting-room-access';
import { MeetingRoomSlices } from './meeting-room-slices';
import { MeetingsController } from './meetings.controller';
import { MeetingsService } from './meetings.service';
import { ParticipantsController } from './participants.controller';
import { ParticipantsService } from './participants.service';
import { SiteParticipantsService } from './site-participants.service';

export const MEETING_ENTITIES = [MeetingEntity, MeetingParticipantEntity, MeetingUnitEntity, MeetingSiteEntity, AgendaItemEntity];

@Module({
  imports: [OrganisationModule, TypeOrmModule.forFeature([...MEETING_ENTITIES, OrgUnitEntity])],
  controllers: [MeetingsController, ParticipantsController, AgendaController],
  providers: [
    MeetingsService,
    MeetingPreparationService,
    ParticipantsService,
    SiteParticipantsService,
    AgendaService,
    MeetingRoomSlices,
    { provide: RoomAccessPolicy, useClass: MeetingRoomAccess },
  ],
  exports: [MeetingsService, MeetingPreparationService, AgendaService, ParticipantsService, SiteParticipantsService, RoomAccessPolicy],
})
export class MeetingsModule {}
