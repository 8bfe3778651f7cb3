import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DocumentDto, UploadStatusDto } from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import { type AuthenticatedUser, CurrentUser } from '@phonghop/server-identity';
import type { Request } from 'express';
import { ChunkQuery, CompleteUploadBody, StartUploadBody } from './dto/documents.dto';
import { UploadsService } from './uploads.service';

@ApiTags('documents')
@Controller()
export class UploadsController {
  constructor(private readonly uploads: UploadsService) {}

  @Post('meetings/:meetingId/uploads')
  @ApiOperation({ summary: 'Start a resumable PDF upload (meeting secretary or administrator).' })
  start(
    @CurrentUser() user: AuthenticatedUser,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @Body() body: StartUploadBody,
  ): Promise<UploadStatusDto> {
    return this.uploads.start(meetingId, user, body);
  }

  @Get('uploads/:uploadId')
  @ApiOperation({ summary: 'Where an upload stands, to resume after a broken connection.' })
  status(@CurrentUser() user: AuthenticatedUser, @Param('uploadId', ParseUUIDPipe) uploadId: string): Promise<UploadStatusDto> {
    return this.uploads.get(uploadId, user);
  }

  @Put('uploads/:uploadId')
  @ApiOperation({ summary: 'Send the next chunk, starting at `offset` (= receivedBytes).' })
  @ApiConsumes('application/octet-stream')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  append(
    @CurrentUser() user: AuthenticatedUser,
    @Param('uploadId', ParseUUIDPipe) uploadId: string,
    @Query() query: ChunkQuery,
    @Req() req: Request,
  ): Promise<UploadStatusDto> {
    // Raw bytes only: a JSON or form body would already have been parsed away by the global body parsers.
    if (!req.is('application/octet-stream')) {
      throw new ApiError('MALFORMED_REQUEST', [{ field: 'content-type', problem: 'must be application/octet-stream' }]);
    }
    const length = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
    return this.uploads.append(uploadId, user, query.offset, req, Number.isFinite(length) ? length : undefined);
  }

  @Post('uploads/:uploadId/complete')
  @HttpCode(201)
  @ApiOperation({ summary: 'Check the PDF and store it as a new document or a new version.' })
  complete(
    @CurrentUser() user: AuthenticatedUser,
    @Param('uploadId', ParseUUIDPipe) uploadId: string,
    @Body() body: CompleteUploadBody,
  ): Promise<DocumentDto> {
    return this.uploads.complete(uploadId, user, body);
  }
}
