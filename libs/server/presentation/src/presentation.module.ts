import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LiveMeetingModule } from '@phonghop/server-live-meeting';
import { MeetingsModule } from '@phonghop/server-meetings';
import { DisplayPresentationController } from './display-presentation.controller';
import { PresentationRequestHandler } from './presentation-requests';
import { PresentationService } from './presentation.service';
import { PRESENTATION_ENTITIES, PresentationStore } from './presentation.store';

@Module({})
export class PresentationModule {
  /** `documents` is the app's DocumentsModule: what is presented is one of its documents, read with its rules. */
  static register(documents: DynamicModule): DynamicModule {
    return {
      module: PresentationModule,
      imports: [TypeOrmModule.forFeature(PRESENTATION_ENTITIES), MeetingsModule, LiveMeetingModule, documents],
      controllers: [DisplayPresentationController],
      providers: [PresentationService, PresentationStore, PresentationRequestHandler],
      exports: [PresentationService],
    };
  }
}
