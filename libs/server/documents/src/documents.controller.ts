import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { DOCUMENT_VERSION_HEADER, FIRST_PAGE_CHUNKS_HEADER, type DocumentDto, type DocumentPageTextDto, type DocumentReceiptDto, type DocumentVersionDto, type SearchHitDto } from '@phonghop/contracts';
import { type AuthenticatedUser, CurrentUser } from '@phonghop/server-identity';
import type { Request, Response } from 'express';
import { DocumentFilesService, filePurpose, PURPOSE_HEADER, type ServedPdf } from './document-files.service';
import { DocumentsService } from './documents.service';
import { PublishDocumentsBody, SearchQuery, UpdateDocumentBody } from './dto/documents.dto';
import { sendFile } from './http/send-file';

/** The chunks pdf.js reads for page 1, for the reader to ask for up front (FIRST_PAGE_CHUNKS_HEADER). */
function nameFirstPageChunks(res: Response, file: ServedPdf): void {
  if (file.firstPageChunks?.length) res.setHeader(FIRST_PAGE_CHUNKS_HEADER, file.firstPageChunks.join(','));
}

@ApiTags('documents')
@Controller()
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly files: DocumentFilesService,
  ) {}

  @Get('meetings/:meetingId/documents')
  @ApiOperation({ summary: 'Documents of a meeting the caller may see (secretaries: all, including unpublished).' })
  list(@CurrentUser() user: AuthenticatedUser, @Param('meetingId', ParseUUIDPipe) meetingId: string): Promise<DocumentDto[]> {
    return this.documents.list(meetingId, user);
  }

  @Get('meetings/:meetingId/documents/receipts')
  @ApiOperation({ summary: 'Who received and opened which document (meeting secretary or administrator).' })
  receipts(@CurrentUser() user: AuthenticatedUser, @Param('meetingId', ParseUUIDPipe) meetingId: string): Promise<DocumentReceiptDto[]> {
    return this.documents.listReceipts(meetingId, user);
  }

  @Get('meetings/:meetingId/search')
  @ApiOperation({
    summary: 'Full-text search in the meeting’s documents; ignores case and Vietnamese tone marks.',
    description: 'Hits in confidential documents carry the page but an empty snippet: their text is read only in the stamped copy.',
  })
  search(
    @CurrentUser() user: AuthenticatedUser,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @Query() query: SearchQuery,
  ): Promise<SearchHitDto[]> {
    return this.files.search(meetingId, query.q, user);
  }

  @Get('documents/:id')
  get(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<DocumentDto> {
    return this.documents.get(id, user);
  }

  @Patch('documents/:id')
  update(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateDocumentBody): Promise<DocumentDto> {
    return this.documents.update(id, user, body);
  }

  @Delete('documents/:id')
  @HttpCode(204)
  remove(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.documents.remove(id, user);
  }

  @Post('documents/:id/publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Make the document visible to the participants it is meant for.' })
  publish(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<DocumentDto> {
    return this.documents.publish(id, user);
  }

  @Post('meetings/:meetingId/documents/publish')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Publish several documents of the meeting at once (“Phát hành tất cả”): all of them or none.',
    description: 'Lists the ids the secretary confirmed; already published ones are returned unchanged.',
  })
  publishMany(
    @CurrentUser() user: AuthenticatedUser,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @Body() body: PublishDocumentsBody,
  ): Promise<DocumentDto[]> {
    return this.documents.publishMany(meetingId, body.documentIds, user);
  }

  @Get('documents/:id/versions')
  @ApiOperation({ summary: 'Version history, newest first.' })
  versions(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<DocumentVersionDto[]> {
    return this.documents.listVersions(id, user);
  }

  @Get('documents/:id/versions/:version/file')
  @ApiOperation({
    summary: 'The PDF (HTTP Range, ETag). Confidential documents come stamped with the reader’s name.',
    description: 'The first read by a participant counts as “opened”, except with `X-Phonghop-Purpose: offline-copy` (the background copy).',
  })
  @ApiProduces('application/pdf')
  async file(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('version', ParseIntPipe) version: number,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const file = await this.files.file(id, version, user, filePurpose(req.get(PURPOSE_HEADER)));
    nameFirstPageChunks(res, file);
    await sendFile(req, res, file);
  }

  @Get('documents/:id/file')
  @ApiOperation({
    summary: 'The current version’s PDF (HTTP Range, ETag, revalidated); `X-Phonghop-Version` names the version served.',
    description:
      'Lets the reader ask for the first bytes beside the metadata request, before it knows the version number, then for ' +
      'the rest from `…/versions/:version/file` (the header’s version: the same bytes even if a newer version arrives ' +
      'meanwhile). Access, stamping and receipts are those of the version’s own address, checked on every request.',
  })
  @ApiProduces('application/pdf')
  async currentFile(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const file = await this.files.file(id, 'current', user, filePurpose(req.get(PURPOSE_HEADER)));
    res.setHeader(DOCUMENT_VERSION_HEADER, String(file.version));
    nameFirstPageChunks(res, file);
    await sendFile(req, res, file, { immutable: false });
  }

  @Get('documents/:id/versions/:version/pages/:page/thumbnail')
  @ApiProduces('image/png')
  async thumbnail(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('version', ParseIntPipe) version: number,
    @Param('page', ParseIntPipe) page: number,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await sendFile(req, res, await this.files.thumbnail(id, version, page, user));
  }

  @Get('documents/:id/versions/:version/preview')
  @ApiOperation({ summary: 'Page 1 as a WebP at reading size, shown while the PDF loads (stamped for confidential documents).' })
  @ApiProduces('image/webp')
  async preview(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('version', ParseIntPipe) version: number,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await sendFile(req, res, await this.files.preview(id, version, user));
  }

  @Get('documents/:id/preview')
  @ApiOperation({
    summary: 'Page 1 of the current version as a WebP (revalidated, not immutable).',
    description: 'Lets the reader ask for the image before it knows the version number, beside the metadata request.',
  })
  @ApiProduces('image/webp')
  async currentPreview(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await sendFile(req, res, await this.files.preview(id, 'current', user), { immutable: false });
  }

  @Get('documents/:id/versions/:version/text')
  @ApiOperation({
    summary: 'The text of every page (for search and annotations). Refused for confidential documents (DOCUMENT_TEXT_CONFIDENTIAL, 403).',
    description: 'A confidential document is read only as the copy stamped with the reader’s name; its plain text would bypass the stamp.',
  })
  text(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('version', ParseIntPipe) version: number,
  ): Promise<DocumentPageTextDto[]> {
    return this.files.text(id, version, user);
  }

  @Post('documents/:id/versions/:version/received')
  @HttpCode(204)
  @ApiOperation({ summary: 'The tablet saved this version for offline reading.' })
  received(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('version', ParseIntPipe) version: number,
  ): Promise<void> {
    return this.documents.markReceived(id, version, user);
  }

  @Post('documents/:id/versions/:version/opened')
  @HttpCode(204)
  @ApiOperation({
    summary: 'The reader opened the copy saved on the tablet (counts as opened; the first time is kept).',
    description: 'The saved copy is served by the service worker, never by the server, so the tablet reports it, later if offline.',
  })
  opened(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('version', ParseIntPipe) version: number,
  ): Promise<void> {
    return this.documents.markOpenedCopy(id, version, user);
  }
}
