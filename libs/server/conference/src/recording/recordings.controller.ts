import { Controller, Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { ConferenceRecordingDto } from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import { type AuthenticatedUser, CurrentUser } from '@phonghop/server-identity';
import { MeetingsService } from '@phonghop/server-meetings';
import type { Response } from 'express';
import { ConferenceRecorder } from './conference-recorder';

/** Recordings of a meeting's conference, for the meeting's secretaries only. */
@ApiTags('conference')
@Controller('meetings/:meetingId/recordings')
export class RecordingsController {
  constructor(
    private readonly recorder: ConferenceRecorder,
    private readonly meetings: MeetingsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Recordings of the meeting’s online conference (meeting secretaries).' })
  async list(@CurrentUser() user: AuthenticatedUser, @Param('meetingId', ParseUUIDPipe) meetingId: string): Promise<ConferenceRecordingDto[]> {
    await this.requireSecretary(meetingId, user);
    return this.recorder.list(meetingId);
  }

  @Get(':recordingId/file')
  @ApiOperation({ summary: 'Download a finished recording (WebM: VP8 video, Opus audio).' })
  @ApiProduces('video/webm')
  async file(
    @CurrentUser() user: AuthenticatedUser,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @Param('recordingId', ParseUUIDPipe) recordingId: string,
    @Res() res: Response,
  ): Promise<void> {
    await this.requireSecretary(meetingId, user);
    const { path, fileName } = await this.recorder.file(meetingId, recordingId);
    // Express answers Range, ETag and 304 itself; the name is ASCII by construction.
    await new Promise<void>((resolve, reject) =>
      res.download(path, fileName, { headers: { 'Cache-Control': 'private, no-cache' } }, (err) => (err && !res.headersSent ? reject(err) : resolve())),
    );
  }

  private async requireSecretary(meetingId: string, user: AuthenticatedUser): Promise<void> {
    const access = await this.meetings.requireAccess(meetingId, user.id);
    if (!access.canManage) throw new ApiError('FORBIDDEN');
  }
}
