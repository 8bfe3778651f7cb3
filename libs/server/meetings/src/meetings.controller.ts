import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { MeetingSummaryDto } from '@phonghop/contracts';
import { type AuthenticatedUser, CurrentUser } from '@phonghop/server-identity';
import { MeetingsService } from './meetings.service';

@ApiTags('meetings')
@Controller('meetings')
export class MeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Get('mine')
  mine(@CurrentUser() user: AuthenticatedUser): Promise<MeetingSummaryDto[]> {
    return this.meetings.listMine(user.id);
  }
}
