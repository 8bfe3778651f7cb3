import { Controller, Get, Param, ParseUUIDPipe, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser } from '@phonghop/server-identity';
import type { Response } from 'express';
import { pdfDownload } from './render/minutes-pdf.service';
import { VoteResultPdfService } from './render/vote-result-pdf.service';

/** A vote's results sheet, printed by the minutes domain beside the minutes (the voting domain owns the result). */
@ApiTags('minutes')
@Controller('meetings/:meetingId/motions/:motionId')
export class VoteResultPdfController {
  constructor(private readonly pdfs: VoteResultPdfService) {}

  @Get('result.pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'A closed vote’s results in the minutes’ Decree 30/2020 layout (participants); once signing began, the frozen or signed file byte for byte.' })
  async pdf(
    @CurrentUser() user: AuthenticatedUser,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @Param('motionId', ParseUUIDPipe) motionId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    // Printed from the closed result until it is frozen for signing; from then on the frozen (or signed) file.
    return pdfDownload(res, await this.pdfs.pdf(meetingId, motionId, user));
  }
}
