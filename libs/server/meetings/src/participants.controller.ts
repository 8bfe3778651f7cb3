import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { DelegateCandidateDto, ParticipantDto, RsvpRequest, SiteParticipantDto } from '@phonghop/contracts';
import { type AuthenticatedUser, CurrentUser } from '@phonghop/server-identity';
import { AddParticipantsBody, RsvpBody, UpdateParticipantBody } from './dto/meetings.dto';
import { ParticipantsService } from './participants.service';
import { SiteParticipantsService } from './site-participants.service';

@ApiTags('meetings')
@Controller('meetings/:meetingId')
export class ParticipantsController {
  constructor(
    private readonly participants: ParticipantsService,
    private readonly sites: SiteParticipantsService,
  ) {}

  @Get('participants')
  list(@CurrentUser() user: AuthenticatedUser, @Param('meetingId', ParseUUIDPipe) meetingId: string): Promise<ParticipantDto[]> {
    return this.participants.list(meetingId, user);
  }

  @Get('delegate-candidates')
  delegateCandidates(
    @CurrentUser() user: AuthenticatedUser,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @Query('search') search = '',
  ): Promise<DelegateCandidateDto[]> {
    return this.participants.delegateCandidates(meetingId, user, String(search).slice(0, 100));
  }

  @Post('participants')
  @HttpCode(200)
  add(@CurrentUser() user: AuthenticatedUser, @Param('meetingId', ParseUUIDPipe) meetingId: string, @Body() body: AddParticipantsBody): Promise<ParticipantDto[]> {
    return this.participants.add(meetingId, user, body);
  }

  @Patch('participants/:participantId')
  changeRole(
    @CurrentUser() user: AuthenticatedUser,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @Param('participantId', ParseUUIDPipe) participantId: string,
    @Body() body: UpdateParticipantBody,
  ): Promise<ParticipantDto[]> {
    return this.participants.changeRole(meetingId, participantId, user, body.meetingRole);
  }

  @Delete('participants/:participantId')
  @HttpCode(204)
  remove(
    @CurrentUser() user: AuthenticatedUser,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @Param('participantId', ParseUUIDPipe) participantId: string,
  ): Promise<void> {
    return this.participants.remove(meetingId, participantId, user);
  }

  /** The invited sites (điểm cầu), placed in the hierarchy, with their operator accounts. */
  @Get('sites')
  listSites(@CurrentUser() user: AuthenticatedUser, @Param('meetingId', ParseUUIDPipe) meetingId: string): Promise<SiteParticipantDto[]> {
    return this.sites.list(meetingId, user);
  }

  @Delete('sites/:siteId')
  @HttpCode(204)
  removeSite(
    @CurrentUser() user: AuthenticatedUser,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @Param('siteId', ParseUUIDPipe) siteId: string,
  ): Promise<void> {
    return this.participants.removeSite(meetingId, siteId, user);
  }

  @Post('rsvp')
  @HttpCode(200)
  rsvp(@CurrentUser() user: AuthenticatedUser, @Param('meetingId', ParseUUIDPipe) meetingId: string, @Body() body: RsvpBody): Promise<ParticipantDto[]> {
    return this.participants.respond(meetingId, user, body as RsvpRequest);
  }
}
