import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { NewDocumentsCountDto } from '@phonghop/contracts';
import { type AuthenticatedUser, CurrentUser } from '@phonghop/server-identity';
import { NewDocumentsService } from './new-documents.service';

@ApiTags('documents')
@Controller()
export class NewDocumentsController {
  constructor(private readonly newDocuments: NewDocumentsService) {}

  @Get('meetings/mine/new-documents')
  @ApiOperation({
    summary: 'Per meeting of the caller’s home list: published documents they may see whose current version they have not opened yet.',
    description: 'Documents the caller uploaded are not counted; a new version counts as new again.',
  })
  counts(@CurrentUser() user: AuthenticatedUser): Promise<NewDocumentsCountDto[]> {
    return this.newDocuments.countsOfMine(user.id);
  }
}
