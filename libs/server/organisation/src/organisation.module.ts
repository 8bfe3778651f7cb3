import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConferenceSiteEntity } from './conference-site.entity';
import { OrgUnitEntity } from './org-unit.entity';
import { OrganisationController } from './organisation.controller';
import { OrganisationService } from './organisation.service';

export const ORGANISATION_ENTITIES = [OrgUnitEntity, ConferenceSiteEntity];

@Module({
  imports: [TypeOrmModule.forFeature(ORGANISATION_ENTITIES)],
  controllers: [OrganisationController],
  providers: [OrganisationService],
  exports: [OrganisationService],
})
export class OrganisationModule {}
