import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ConferenceSiteDto, OrgUnitDto, OrgUnitTreeNode } from '@phonghop/contracts';
import { RequireRoles } from '@phonghop/server-identity';
import { CreateSiteBody, CreateUnitBody, UpdateSiteBody, UpdateUnitBody } from './organisation.dto';
import { OrganisationService } from './organisation.service';

/** Reading the hierarchy is open to every signed-in user (invitations, conference layout); changing it is for admins. */
@ApiTags('organisation')
@Controller('org')
export class OrganisationController {
  constructor(private readonly org: OrganisationService) {}

  @Get('tree')
  tree(): Promise<OrgUnitTreeNode[]> {
    return this.org.tree();
  }

  @Get('units')
  units(): Promise<OrgUnitDto[]> {
    return this.org.listUnits();
  }

  @RequireRoles('admin')
  @Post('units')
  createUnit(@Body() body: CreateUnitBody): Promise<OrgUnitDto> {
    return this.org.createUnit(body);
  }

  @RequireRoles('admin')
  @Patch('units/:id')
  updateUnit(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateUnitBody): Promise<OrgUnitDto> {
    return this.org.updateUnit(id, body);
  }

  @RequireRoles('admin')
  @Delete('units/:id')
  @HttpCode(204)
  deleteUnit(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.org.deleteUnit(id);
  }

  @Get('sites')
  sites(@Query('unitId', new ParseUUIDPipe({ optional: true })) unitId?: string): Promise<ConferenceSiteDto[]> {
    return this.org.listSites(unitId);
  }

  @RequireRoles('admin')
  @Post('sites')
  createSite(@Body() body: CreateSiteBody): Promise<ConferenceSiteDto> {
    return this.org.createSite(body);
  }

  @RequireRoles('admin')
  @Patch('sites/:id')
  updateSite(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateSiteBody): Promise<ConferenceSiteDto> {
    return this.org.updateSite(id, body);
  }
}
