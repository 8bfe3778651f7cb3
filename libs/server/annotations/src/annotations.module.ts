import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MeetingsModule } from '@phonghop/server-meetings';
import { ANNOTATION_ENTITIES } from './annotation.entity';
import { AnnotationStore } from './annotation.store';
import { AnnotationsController } from './annotations.controller';
import { AnnotationsService } from './annotations.service';
import { AnnotatedPdfRenderer } from './render/annotated-pdf.renderer';
import { Reanchoring } from './reanchor/reanchoring';

@Module({})
export class AnnotationsModule {
  /** `documents` is the app's DocumentsModule: annotations live on its document versions and follow its access rules. */
  static register(documents: DynamicModule): DynamicModule {
    return {
      module: AnnotationsModule,
      imports: [TypeOrmModule.forFeature(ANNOTATION_ENTITIES), MeetingsModule, documents],
      controllers: [AnnotationsController],
      providers: [AnnotationStore, AnnotationsService, AnnotatedPdfRenderer, Reanchoring],
      exports: [AnnotationsService],
    };
  }
}
