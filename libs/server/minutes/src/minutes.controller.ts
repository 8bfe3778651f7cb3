import { Body, Controller, Get, HttpCode, Injectable, Param, ParseIntPipe, ParseUUIDPipe, type PipeTransform, Post, Put, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { MINUTES_KINDS, type MeetingStatisticsDto, type MinutesDto, type MinutesKind, type MinutesVersionDto } from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import { type AuthenticatedUser, CurrentUser } from '@phonghop/server-identity';
import type { Response } from 'express';
import { FinalizeMinutesBody, SaveMinutesDraftBody } from './dto/minutes.dto';
import { MinutesService } from './minutes.service';
import { MinutesPdfService, pdfDownload } from './render/minutes-pdf.service';
import { MeetingStatisticsService } from './statistics/meeting-statistics.service';

/** `minutes` or `conclusions`; any other word is a route that does not exist. */
@Injectable()
class MinutesKindPipe implements PipeTransform<string, MinutesKind> {
  transform(value: string): MinutesKind {
    if (!(MINUTES_KINDS as readonly string[]).includes(value)) throw new ApiError('NOT_FOUND');
    return value as MinutesKind;
  }
}

/** Minutes and conclusions of a meeting, their PDFs, and the meeting's statistics. */
@ApiTags('minutes')
@Controller('meetings/:meetingId')
export class MinutesController {
  constructor(
    private readonly minutes: MinutesService,
    private readonly pdfs: MinutesPdfService,
    private readonly stats: MeetingStatisticsService,
  ) {}

  @Get('statistics')
  @ApiOperation({ summary: 'Attendance, durations, speakers and document distribution (chair and secretaries).' })
  statistics(@CurrentUser() user: AuthenticatedUser, @Param('meetingId', ParseUUIDPipe) meetingId: string): Promise<MeetingStatisticsDto> {
    return this.stats.statistics(meetingId, user);
  }

  @Get('minutes/:kind')
  @ApiOperation({ summary: 'The latest version: draft or final for the chair and secretaries, the latest final for others.' })
  latest(@CurrentUser() user: AuthenticatedUser, @Param('meetingId', ParseUUIDPipe) meetingId: string, @Param('kind', MinutesKindPipe) kind: MinutesKind): Promise<MinutesDto> {
    return this.minutes.latest(meetingId, kind, user);
  }

  @Post('minutes/:kind/draft')
  @ApiOperation({ summary: 'The draft to edit (secretaries): the current one (200), or a new one (201) pre-filled or corrected.' })
  async startDraft(
    @CurrentUser() user: AuthenticatedUser,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @Param('kind', MinutesKindPipe) kind: MinutesKind,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MinutesDto> {
    const { created, minutes } = await this.minutes.startDraft(meetingId, kind, user);
    res.status(created ? 201 : 200);
    return minutes;
  }

  @Put('minutes/:kind/draft')
  @ApiOperation({ summary: 'Save the draft (secretaries); a stale baseVersion or baseRevision answers 409 MINUTES_CONFLICT.' })
  save(
    @CurrentUser() user: AuthenticatedUser,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @Param('kind', MinutesKindPipe) kind: MinutesKind,
    @Body() body: SaveMinutesDraftBody,
  ): Promise<MinutesDto> {
    return this.minutes.saveDraft(meetingId, kind, user, body);
  }

  @Post('minutes/:kind/finalize')
  @HttpCode(200)
  @ApiOperation({ summary: 'Make the draft final (chair or secretaries); it never changes afterwards.' })
  finalize(
    @CurrentUser() user: AuthenticatedUser,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @Param('kind', MinutesKindPipe) kind: MinutesKind,
    @Body() body: FinalizeMinutesBody,
  ): Promise<MinutesDto> {
    return this.minutes.finalize(meetingId, kind, user, body?.baseRevision);
  }

  @Get('minutes/:kind/versions')
  @ApiOperation({ summary: 'Every version, newest first (others than the chair and secretaries see final ones only).' })
  versions(@CurrentUser() user: AuthenticatedUser, @Param('meetingId', ParseUUIDPipe) meetingId: string, @Param('kind', MinutesKindPipe) kind: MinutesKind): Promise<MinutesVersionDto[]> {
    return this.minutes.versions(meetingId, kind, user);
  }

  @Get('minutes/:kind/versions/:version/pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'One version as a PDF in the Decree 30/2020 layout (drafts marked “DỰ THẢO”).' })
  async pdf(
    @CurrentUser() user: AuthenticatedUser,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @Param('kind', MinutesKindPipe) kind: MinutesKind,
    @Param('version', ParseIntPipe) version: number,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    // A draft changes under its version number, so it is never kept; a final one is checked again each time
    // (the header and signatures follow the meeting's current details).
    return pdfDownload(res, await this.pdfs.pdf(meetingId, kind, version, user));
  }
}
