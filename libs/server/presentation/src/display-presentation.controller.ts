import { Controller, Get, Headers, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DISPLAY_TOKEN_HEADER } from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import { DocumentFilesService, sendFile } from '@phonghop/server-documents';
import { Public } from '@phonghop/server-identity';
import { DisplayAccessPolicy, MeetingRouter } from '@phonghop/server-realtime';
import type { Request, Response } from 'express';
import { PresentationService } from './presentation.service';

/**
 * The hall display draws the presented page itself, like every tablet: it fetches the file of what is presented in
 * its meeting (and nothing else), with its token in a header. Ranges are served, so pdf.js reads only the pages shown.
 */
@ApiTags('presentation')
@Controller('display/presentation')
export class DisplayPresentationController {
  constructor(
    private readonly displays: DisplayAccessPolicy,
    private readonly presentations: PresentationService,
    private readonly files: DocumentFilesService,
    private readonly router: MeetingRouter,
  ) {}

  @Public()
  @Get('file')
  async file(@Headers(DISPLAY_TOKEN_HEADER) token: string | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const display = token ? await this.displays.displayOf(token) : null;
    if (!display) throw new ApiError('AUTH_REQUIRED');
    // With several API processes the presentation lives where the meeting's room runs, maybe not here.
    const presented = this.presentations.current(display.meetingId) ?? (await this.router.liveState(display.meetingId))?.presentation;
    if (!presented) throw new ApiError('PRESENTATION_NOT_RUNNING');
    // The URL follows whatever is presented now: revalidated, never cached as one version.
    await sendFile(req, res, await this.files.fileForDisplay(presented.documentId, presented.version), { immutable: false });
  }
}
