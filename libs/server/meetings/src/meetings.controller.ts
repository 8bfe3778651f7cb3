import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { MeetingDetailDto, MeetingTransition, MyMeetingDto } from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import { type AuthenticatedUser, CurrentUser, RequireRoles } from '@phonghop/server-identity';
import type { Request, Response } from 'express';
import { CancelMeetingBody, CreateMeetingBody, UpdateMeetingBody } from './dto/meetings.dto';
import { MeetingPreparationService } from './meeting-preparation.service';
import { MeetingsService } from './meetings.service';

const SIMPLE_TRANSITIONS: readonly MeetingTransition[] = ['publish', 'start', 'end', 'archive'];

@ApiTags('meetings')
@Controller('meetings')
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly preparation: MeetingPreparationService,
  ) {}

  @Get('mine')
  mine(@CurrentUser() user: AuthenticatedUser): Promise<MyMeetingDto[]> {
    return this.meetings.listMine(user.id);
  }

  // Secretaries (and admins setting things up) prepare meetings; the creator becomes its secretary.
  @RequireRoles('secretary', 'admin')
  @Post()
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateMeetingBody): Promise<MeetingDetailDto> {
    return this.preparation.create(user, body);
  }

  @Get(':id')
  detail(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<MeetingDetailDto> {
    return this.preparation.detail(id, user);
  }

  @Patch(':id')
  update(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateMeetingBody): Promise<MeetingDetailDto> {
    return this.preparation.update(id, user, body);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: CancelMeetingBody): Promise<MeetingDetailDto> {
    return this.preparation.transition(id, user, 'cancel', body.reason);
  }

  // Explicit paths, not ':id/:transition', so they never shadow sibling routes such as ':id/participants'.
  @Post([':id/publish', ':id/start', ':id/end', ':id/archive'])
  @HttpCode(200)
  transition(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Req() req: Request): Promise<MeetingDetailDto> {
    const transition = req.path.split('/').pop() as MeetingTransition;
    if (!SIMPLE_TRANSITIONS.includes(transition)) throw new ApiError('NOT_FOUND');
    return this.preparation.transition(id, user, transition);
  }

  @Get(':id/invitation.ics')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  async ics(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    const { fileName, body } = await this.preparation.invitationIcs(id, user);
    res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
    return body;
  }
}
