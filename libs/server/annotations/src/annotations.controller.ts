import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type AnnotationDto, type AnnotationOpsRequest, type AnnotationOpsResponse, toWebAnnotation } from '@phonghop/contracts';
import { untrustedFileHeaders } from '@phonghop/server-core';
import { contentDisposition } from '@phonghop/server-documents';
import { type AuthenticatedUser, CurrentUser } from '@phonghop/server-identity';
import type { Response } from 'express';
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

  /** "Download with my notes": the PDF (watermarked when confidential) with the caller's annotations drawn in. */
  @Get('documents/:documentId/versions/:version/with-my-notes.pdf')
  async withMyNotes(
    @CurrentUser() user: AuthenticatedUser,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Param('version', ParseIntPipe) version: number,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.annotations.annotatedPdf(documentId, version, user);
    res.setHeader('Cache-Control', 'private, no-store');
    untrustedFileHeaders(res);
    return new StreamableFile(file.bytes, { type: 'application/pdf', length: file.bytes.byteLength, disposition: contentDisposition(file.fileName, { attachment: true }) });
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
