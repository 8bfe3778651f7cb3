import { Controller, Get, Param, ParseUUIDPipe, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { contentDisposition } from '@phonghop/server-documents';
import { type AuthenticatedUser, CurrentUser } from '@phonghop/server-identity';
import type { Response } from 'express';
import { VoteResultPdfService } from './render/vote-result-pdf.service';

/** A vote's results sheet, printed by the minutes domain beside the minutes (the voting domain owns the result). */
@ApiTags('minutes')
@Controller('meetings/:meetingId/motions/:motionId')
export class VoteResultPdfController {
  constructor(private readonly pdfs: VoteResultPdfService) {}

  @Get('result.pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'A closed vote’s results in the minutes’ Decree 30/2020 layout, to be signed (participants).' })
  async pdf(
    @CurrentUser() user: AuthenticatedUser,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @Param('motionId', ParseUUIDPipe) motionId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.pdfs.pdf(meetingId, motionId, user);
    // A closed result never changes, but the header and signatures follow the meeting's current details.
    res.setHeader('Cache-Control', 'private, no-cache');
    return new StreamableFile(file.bytes, {
      type: 'application/pdf',
      length: file.bytes.byteLength,
      disposition: contentDisposition(file.name, { attachment: true, asciiName: file.ascii }),
    });
  }
}
