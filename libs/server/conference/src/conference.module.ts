import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LiveMeetingModule } from '@phonghop/server-live-meeting';
import { MeetingEntity, MeetingsModule } from '@phonghop/server-meetings';
import { ConferenceSiteEntity, OrgUnitEntity } from '@phonghop/server-organisation';
import { CONFERENCE_OPTIONS, type ConferenceOptions } from './conference.options';
import { CascadeGateway } from './cascade/cascade.gateway';
import { CascadeUplinks } from './cascade/cascade-uplinks';
import { ConferenceService } from './conference.service';
import { MediaWorkerPool } from './media/media-worker-pool';
import { ConferenceRecorder } from './recording/conference-recorder';
import { RecordingsController } from './recording/recordings.controller';
import { ConferenceRecordingEntity } from './recording/recording.entity';

/** Online conferences: the mediasoup worker pool and the signalling on the realtime socket. */
@Module({})
export class ConferenceModule {
  static register(options: ConferenceOptions): DynamicModule {
    return {
      module: ConferenceModule,
      imports: [MeetingsModule, LiveMeetingModule, TypeOrmModule.forFeature([MeetingEntity, ConferenceSiteEntity, OrgUnitEntity, ConferenceRecordingEntity])],
      controllers: [RecordingsController],
      providers: [{ provide: CONFERENCE_OPTIONS, useValue: options }, MediaWorkerPool, ConferenceRecorder, ConferenceService, CascadeGateway, CascadeUplinks],
      exports: [MediaWorkerPool, ConferenceService],
    };
  }
}
