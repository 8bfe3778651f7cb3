import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AgendaItemDto } from '@phonghop/contracts';
import { type AuthenticatedUser, CurrentUser } from '@phonghop/server-identity';
import { AgendaService } from './agenda.service';
import { CreateAgendaItemBody, ReorderAgendaBody, UpdateAgendaItemBody } from './dto/meetings.dto';

@ApiTags('agenda')
@Controller('meetings/:meetingId/agenda')
export class AgendaController {
  constructor(private readonly agenda: AgendaService) {}

  @Get()
  list(@CurrentUser() user: AuthenticatedUser, @Param('meetingId', ParseUUIDPipe) meetingId: string): Promise<AgendaItemDto[]> {
    return this.agenda.list(meetingId, user);
  }

  @Post()
  create(@CurrentUser() user: AuthenticatedUser, @Param('meetingId', ParseUUIDPipe) meetingId: string, @Body() body: CreateAgendaItemBody): Promise<AgendaItemDto> {
    return this.agenda.create(meetingId, user, body);
  }

  @Put('order')
  reorder(@CurrentUser() user: AuthenticatedUser, @Param('meetingId', ParseUUIDPipe) meetingId: string, @Body() body: ReorderAgendaBody): Promise<AgendaItemDto[]> {
    return this.agenda.reorder(meetingId, user, body);
  }

  @Patch(':itemId')
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @Param('itemId', ParseUUIDPipe) itemId: string,
    @Body() body: UpdateAgendaItemBody,
  ): Promise<AgendaItemDto> {
    return this.agenda.update(meetingId, itemId, user, body);
  }

  @Delete(':itemId')
  @HttpCode(204)
  remove(@CurrentUser() user: AuthenticatedUser, @Param('meetingId', ParseUUIDPipe) meetingId: string, @Param('itemId', ParseUUIDPipe) itemId: string): Promise<void> {
    return this.agenda.remove(meetingId, itemId, user);
  }
}
