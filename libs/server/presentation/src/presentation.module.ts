import { type DynamicModule, Module } from '@nestjs/common';
import { LiveMeetingModule } from '@phonghop/server-live-meeting';
import { MeetingsModule } from '@phonghop/server-meetings';
import { DisplayPresentationController } from './display-presentation.controller';
import { PresentationRequestHandler } from './presentation-requests';
import { PresentationService } from './presentation.service';

@Module({})
export class PresentationModule {
  /** `documents` is the app's DocumentsModule: what is presented is one of its documents, read with its rules. */
  static register(documents: DynamicModule): DynamicModule {
    return {
      module: PresentationModule,
      imports: [MeetingsModule, LiveMeetingModule, documents],
      controllers: [DisplayPresentationController],
      providers: [PresentationService, PresentationRequestHandler],
      exports: [PresentationService],
    };
  }
}
