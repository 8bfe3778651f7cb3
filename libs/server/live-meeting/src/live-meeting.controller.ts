import { Body, Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type CheckInCodeDto, type CreatedDisplayDto, DISPLAY_TOKEN_HEADER, type DisplayDto, type DisplayInfoDto, type RecordEventDto, checkInPath } from '@phonghop/contracts';
import { type AuthenticatedUser, CurrentUser, Public } from '@phonghop/server-identity';
import { CheckInBody, CreateDisplayBody } from './live-meeting.dto';
import { AttendanceService } from './attendance.service';
import { DisplaysService } from './displays.service';
import { LiveMeetingService } from './live-meeting.service';

/** REST beside the room's socket: the QR check-in link, the check-in code for hosts, and display links. */
@ApiTags('live meeting')
@Controller()
export class LiveMeetingController {
  constructor(
    private readonly live: LiveMeetingService,
    private readonly attendance: AttendanceService,
    private readonly displays: DisplaysService,
  ) {}

  /** The page behind the hall's QR code posts here (the same rule as the socket's check-in). */
  @Post('meetings/:meetingId/check-in')
  @HttpCode(204)
  async checkIn(@CurrentUser() user: AuthenticatedUser, @Param('meetingId', ParseUUIDPipe) meetingId: string, @Body() body: CheckInBody): Promise<void> {
    await this.attendance.checkIn(meetingId, user, body.code);
  }

  @Get('meetings/:meetingId/check-in-code')
  async checkInCode(@CurrentUser() user: AuthenticatedUser, @Param('meetingId', ParseUUIDPipe) meetingId: string): Promise<CheckInCodeDto> {
    const code = await this.attendance.checkInCode(meetingId, user);
    return { meetingId, code, path: checkInPath(meetingId, code) };
  }

  @Post('meetings/:meetingId/check-in-code/renew')
  async renewCheckInCode(@CurrentUser() user: AuthenticatedUser, @Param('meetingId', ParseUUIDPipe) meetingId: string): Promise<CheckInCodeDto> {
    const code = await this.live.renewCheckInCode(meetingId, user);
    return { meetingId, code, path: checkInPath(meetingId, code) };
  }

  @Get('meetings/:meetingId/record')
  record(@CurrentUser() user: AuthenticatedUser, @Param('meetingId', ParseUUIDPipe) meetingId: string): Promise<RecordEventDto[]> {
    return this.live.record(meetingId, user);
  }

  @Get('meetings/:meetingId/displays')
  listDisplays(@CurrentUser() user: AuthenticatedUser, @Param('meetingId', ParseUUIDPipe) meetingId: string): Promise<DisplayDto[]> {
    return this.displays.list(meetingId, user);
  }

  @Post('meetings/:meetingId/displays')
  createDisplay(@CurrentUser() user: AuthenticatedUser, @Param('meetingId', ParseUUIDPipe) meetingId: string, @Body() body: CreateDisplayBody): Promise<CreatedDisplayDto> {
    return this.displays.create(meetingId, user, body.label);
  }

  @Delete('meetings/:meetingId/displays/:displayId')
  @HttpCode(204)
  revokeDisplay(@CurrentUser() user: AuthenticatedUser, @Param('meetingId', ParseUUIDPipe) meetingId: string, @Param('displayId', ParseUUIDPipe) displayId: string): Promise<void> {
    return this.displays.revoke(meetingId, user, displayId);
  }

  /** Public: a display has no login; its token (in a header, never the URL) opens its one meeting. */
  @Public()
  @Get('display')
  display(@Headers(DISPLAY_TOKEN_HEADER) token: string | undefined): Promise<DisplayInfoDto> {
    return this.displays.info(token);
  }
}
