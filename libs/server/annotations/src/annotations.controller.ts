import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type AnnotationDto, type AnnotationOpsRequest, type AnnotationOpsResponse, toWebAnnotation } from '@phonghop/contracts';
import { type AuthenticatedUser, CurrentUser } from '@phonghop/server-identity';
import { AnnotationsService } from './annotations.service';

/** A device's ops (the sync) and the annotations a person sees on a document version. Ops are checked in the service. */
@ApiTags('annotations')
@Controller()
export class AnnotationsController {
  constructor(private readonly annotations: AnnotationsService) {}

  @Post('annotations/ops')
  @HttpCode(200)
  async ops(@CurrentUser() user: AuthenticatedUser, @Body() body: AnnotationOpsRequest): Promise<AnnotationOpsResponse> {
    return { results: await this.annotations.apply(user, body?.ops) };
  }

  @Get('documents/:documentId/versions/:version/annotations')
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Param('version', ParseIntPipe) version: number,
  ): Promise<AnnotationDto[]> {
    return this.annotations.list(documentId, version, user);
  }

  /** The same, as W3C Web Annotations (JSON-LD), for export. */
  @Get('documents/:documentId/versions/:version/annotations.jsonld')
  async export(
    @CurrentUser() user: AuthenticatedUser,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Param('version', ParseIntPipe) version: number,
  ): Promise<Record<string, unknown>> {
    const items = await this.annotations.list(documentId, version, user);
    const source = `/api/documents/${documentId}/versions/${version}/file`;
    return { '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', total: items.length, items: items.map((a) => toWebAnnotation(a, source)) };
  }
}
