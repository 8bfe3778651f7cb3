import { Body, Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  type ChainVerificationDto,
  type CreateMotionRequest,
  DISPLAY_TOKEN_HEADER,
  SESSION_COOKIE,
  type MotionDto,
  type UpdateMotionRequest,
  type UpdateVoteSettingsRequest,
  type VoteResultDto,
  type VoteSettingsDto,
} from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import { type AuthenticatedUser, CurrentUser, Public, SessionService } from '@phonghop/server-identity';
import { DisplayAccessPolicy } from '@phonghop/server-realtime';
import type { Request } from 'express';
import { VotingService } from './voting.service';

/**
 * Preparing motions and the meeting's voting rules, reading results and verifying the result chain. Opening,
 * closing and casting happen on the meeting room's socket (`vote:request`). Bodies are checked in the service
 * (a motion is nested JSON with rules of its own; see vote-input.ts).
 */
@ApiTags('voting')
@Controller('meetings/:meetingId')
export class VotingController {
  constructor(
    private readonly voting: VotingService,
    private readonly sessions: SessionService,
    private readonly displays: DisplayAccessPolicy,
  ) {}

  @Get('vote-settings')
  settings(@CurrentUser() user: AuthenticatedUser, @Param('meetingId', ParseUUIDPipe) meetingId: string): Promise<VoteSettingsDto> {
    return this.voting.settings(meetingId, user);
  }

  @Put('vote-settings')
  updateSettings(@CurrentUser() user: AuthenticatedUser, @Param('meetingId', ParseUUIDPipe) meetingId: string, @Body() body: UpdateVoteSettingsRequest): Promise<VoteSettingsDto> {
    return this.voting.updateSettings(meetingId, user, body ?? {});
  }

  @Get('motions')
  list(@CurrentUser() user: AuthenticatedUser, @Param('meetingId', ParseUUIDPipe) meetingId: string): Promise<MotionDto[]> {
    return this.voting.list(meetingId, user);
  }

  @Post('motions')
  create(@CurrentUser() user: AuthenticatedUser, @Param('meetingId', ParseUUIDPipe) meetingId: string, @Body() body: CreateMotionRequest): Promise<MotionDto> {
    return this.voting.create(meetingId, user, body);
  }

  @Patch('motions/:motionId')
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @Param('motionId', ParseUUIDPipe) motionId: string,
    @Body() body: UpdateMotionRequest,
  ): Promise<MotionDto> {
    return this.voting.update(meetingId, motionId, user, body);
  }

  @Delete('motions/:motionId')
  @HttpCode(204)
  remove(@CurrentUser() user: AuthenticatedUser, @Param('meetingId', ParseUUIDPipe) meetingId: string, @Param('motionId', ParseUUIDPipe) motionId: string): Promise<void> {
    return this.voting.remove(meetingId, motionId, user);
  }

  /** Participants with their session; a hall display with its token in the header (it has no login). */
  @Public()
  @Get('motions/:motionId/result')
  async result(
    @Req() req: Request,
    @Headers(DISPLAY_TOKEN_HEADER) displayToken: string | undefined,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @Param('motionId', ParseUUIDPipe) motionId: string,
  ): Promise<VoteResultDto> {
    if (displayToken) {
      const display = await this.displays.displayOf(displayToken);
      if (!display) throw new ApiError('AUTH_REQUIRED');
      return this.voting.resultForDisplay(display.meetingId, meetingId, motionId);
    }
    const auth = await this.sessions.authenticate((req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE]);
    if (!auth) throw new ApiError('AUTH_REQUIRED');
    return this.voting.result(meetingId, auth.user, motionId);
  }

  @Get('vote-chain')
  verify(@CurrentUser() user: AuthenticatedUser, @Param('meetingId', ParseUUIDPipe) meetingId: string): Promise<ChainVerificationDto> {
    return this.voting.verify(meetingId, user);
  }
}
