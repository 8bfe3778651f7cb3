import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UserEntity } from '@phonghop/server-identity';
import { AgendaItemEntity, MeetingParticipantEntity, MeetingsModule } from '@phonghop/server-meetings';
import { OrgUnitEntity } from '@phonghop/server-organisation';
import { DOCUMENT_ENTITIES } from './document.entities';
import { DocumentAccessPolicy } from './document-access';
import { DocumentFilesService } from './document-files.service';
import { DocumentIntake } from './document-intake';
import { DocumentProcessing } from './document-processing.service';
import { DocumentStorage } from './document-storage';
import { DocumentsController } from './documents.controller';
import { DOCUMENTS_OPTIONS, type DocumentsOptions } from './documents.options';
import { DocumentsService } from './documents.service';
import { NewDocumentsController } from './new-documents.controller';
import { NewDocumentsService } from './new-documents.service';
import { PdfWorkers } from './pdf/pdf-workers';
import { SignedUploadsRecheck } from './signed-uploads-recheck';
import { UploadsController } from './uploads.controller';
import { UploadsService } from './uploads.service';

@Module({})
export class DocumentsModule {
  static register(options: DocumentsOptions): DynamicModule {
    return {
      module: DocumentsModule,
      imports: [
        MeetingsModule,
        TypeOrmModule.forFeature([...DOCUMENT_ENTITIES, AgendaItemEntity, MeetingParticipantEntity, UserEntity, OrgUnitEntity]),
      ],
      controllers: [UploadsController, DocumentsController, NewDocumentsController],
      providers: [
        { provide: DOCUMENTS_OPTIONS, useValue: options },
        DocumentStorage,
        PdfWorkers,
        DocumentAccessPolicy,
        DocumentIntake,
        DocumentsService,
        DocumentFilesService,
        DocumentProcessing,
        UploadsService,
        NewDocumentsService,
        SignedUploadsRecheck,
      ],
      exports: [DocumentsService, DocumentAccessPolicy, DocumentProcessing, DocumentFilesService],
    };
  }
}
