import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LiveMeetingModule } from '@phonghop/server-live-meeting';
import { MeetingsModule } from '@phonghop/server-meetings';
import { OrganisationModule } from '@phonghop/server-organisation';
import { VotingModule } from '@phonghop/server-voting';
import { MeetingFactsService } from './facts/meeting-facts.service';
import { MinutesController } from './minutes.controller';
import { MINUTES_ENTITIES } from './minutes.entity';
import { MinutesService } from './minutes.service';
import { MinutesStore } from './minutes.store';
import { MinutesPdfRenderer } from './render/minutes-pdf-renderer';
import { MinutesPdfService } from './render/minutes-pdf.service';
import { VoteResultPdfService } from './render/vote-result-pdf.service';
import { MeetingStatisticsService } from './statistics/meeting-statistics.service';
import { VoteResultPdfController } from './vote-result-pdf.controller';
import { MinutesSigningService } from './signing/minutes-signing.service';
import { SignedDocumentsController } from './signing/signed-documents.controller';

@Module({})
export class MinutesModule {
  /** `documents` is the app's DocumentsModule (configured once with its data folder): the statistics count its receipts. */
  static register(documents: DynamicModule): DynamicModule {
    return {
      module: MinutesModule,
      // minutes → voting, never the other way: the minutes quote sealed results and print them.
      imports: [TypeOrmModule.forFeature(MINUTES_ENTITIES), MeetingsModule, LiveMeetingModule, OrganisationModule, VotingModule, documents],
      controllers: [MinutesController, VoteResultPdfController, SignedDocumentsController],
      providers: [MinutesStore, MeetingFactsService, MinutesService, MinutesPdfRenderer, MinutesPdfService, VoteResultPdfService, MeetingStatisticsService, MinutesSigningService],
      exports: [MinutesService],
    };
  }
}
