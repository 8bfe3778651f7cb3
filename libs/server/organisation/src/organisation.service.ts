import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import {
  type ConferenceSiteDto,
  type CreateSiteRequest,
  type CreateUnitRequest,
  type OrgUnitDto,
  type OrgUnitTreeNode,
  type PlacedSiteDto,
  type UpdateSiteRequest,
  type UpdateUnitRequest,
  buildUnitTree,
} from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import { UserEntity } from '@phonghop/server-identity';
import { randomUUID } from 'node:crypto';
import { DataSource, In, Repository } from 'typeorm';
import { ConferenceSiteEntity } from './conference-site.entity';
import { OrgUnitEntity } from './org-unit.entity';
import { placeSites } from './site-placement';

function toSiteDto(s: ConferenceSiteEntity): ConferenceSiteDto {
  return { id: s.id, unitId: s.unitId, name: s.name, location: s.location, isHost: s.isHost, disabled: s.disabled };
}

@Injectable()
export class OrganisationService {
  constructor(
    @InjectRepository(OrgUnitEntity) private readonly units: Repository<OrgUnitEntity>,
    @InjectRepository(ConferenceSiteEntity) private readonly sites: Repository<ConferenceSiteEntity>,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async listUnits(): Promise<OrgUnitDto[]> {
    const [units, siteCounts, memberCounts] = await Promise.all([
      this.units.find(),
      this.countBy(ConferenceSiteEntity, 'unit_id'),
      this.countBy(UserEntity, 'unit_id'),
    ]);
    return units.map((u) => ({
      id: u.id,
      parentId: u.parentId,
      code: u.code,
      name: u.name,
      kind: u.kind,
      sortOrder: u.sortOrder,
      siteCount: siteCounts.get(u.id) ?? 0,
      memberCount: memberCounts.get(u.id) ?? 0,
    }));
  }

  async tree(): Promise<OrgUnitTreeNode[]> {
    const [units, sites] = await Promise.all([this.listUnits(), this.listSites()]);
    return buildUnitTree(units, sites);
  }

  async listSites(unitId?: string): Promise<ConferenceSiteDto[]> {
    const rows = await this.sites.find({ where: unitId ? { unitId } : {}, order: { name: 'ASC' } });
    return rows.map(toSiteDto);
  }

  /** One site by id, or null (a site operator's account names its site). */
  async site(id: string): Promise<ConferenceSiteDto | null> {
    const row = await this.sites.findOne({ where: { id } });
    return row ? toSiteDto(row) : null;
  }

  /**
   * These sites with the units above each (province → district → commune), in tree order: what a meeting's invited
   * sites and the conference's site tree show. Unknown ids are left out.
   */
  async placedSites(ids: readonly string[]): Promise<PlacedSiteDto[]> {
    if (!ids.length) return [];
    const [sites, units] = await Promise.all([
      this.sites.findBy({ id: In([...new Set(ids)]) }),
      this.units.find({ select: { id: true, parentId: true, name: true, kind: true, sortOrder: true } }),
    ]);
    return placeSites(units, sites.map(toSiteDto));
  }

  /** A unit's name and its parent's, for a document headed "parent body / issuing body" (the minutes); null if none. */
  async unitWithParent(id: string): Promise<{ name: string; parentName: string | null } | null> {
    const unit = await this.units.findOne({ where: { id } });
    if (!unit) return null;
    const parent = unit.parentId ? await this.units.findOne({ where: { id: unit.parentId } }) : null;
    return { name: unit.name, parentName: parent?.name ?? null };
  }

  async createUnit(req: CreateUnitRequest): Promise<OrgUnitDto> {
    if (req.parentId) await this.requireUnit(req.parentId);
    await this.assertCodeFree(req.code);
    const unit = this.units.create({
      id: randomUUID(),
      parentId: req.parentId,
      code: req.code.trim(),
      name: req.name.trim(),
      kind: req.kind,
      sortOrder: req.sortOrder ?? 0,
    });
    await this.units.save(unit);
    return this.unitDto(unit.id);
  }

  async updateUnit(id: string, req: UpdateUnitRequest): Promise<OrgUnitDto> {
    const unit = await this.requireUnit(id);
    if (req.parentId !== undefined && req.parentId !== unit.parentId && req.parentId !== null) {
      await this.assertNotDescendant(id, req.parentId);
    }
    if (req.code !== undefined && req.code.trim() !== unit.code) await this.assertCodeFree(req.code);
    Object.assign(unit, {
      ...(req.parentId !== undefined && { parentId: req.parentId }),
      ...(req.code !== undefined && { code: req.code.trim() }),
      ...(req.name !== undefined && { name: req.name.trim() }),
      ...(req.kind !== undefined && { kind: req.kind }),
      ...(req.sortOrder !== undefined && { sortOrder: req.sortOrder }),
    });
    await this.units.save(unit);
    return this.unitDto(id);
  }

  async deleteUnit(id: string): Promise<void> {
    await this.requireUnit(id);
    const [children, sites, members] = await Promise.all([
      this.units.count({ where: { parentId: id } }),
      this.sites.count({ where: { unitId: id } }),
      this.db.getRepository(UserEntity).count({ where: { unitId: id } }),
    ]);
    if (children + sites + members > 0) throw new ApiError('UNIT_HAS_CHILDREN');
    await this.units.delete(id);
  }

  async createSite(req: CreateSiteRequest): Promise<ConferenceSiteDto> {
    await this.requireUnit(req.unitId);
    const site = this.sites.create({
      id: randomUUID(),
      unitId: req.unitId,
      name: req.name.trim(),
      location: req.location ?? null,
      isHost: req.isHost ?? false,
      disabled: false,
    });
    await this.sites.save(site);
    return toSiteDto(site);
  }

  async updateSite(id: string, req: UpdateSiteRequest): Promise<ConferenceSiteDto> {
    const site = await this.sites.findOne({ where: { id } });
    if (!site) throw new ApiError('SITE_NOT_FOUND');
    Object.assign(site, {
      ...(req.name !== undefined && { name: req.name.trim() }),
      ...(req.location !== undefined && { location: req.location }),
      ...(req.isHost !== undefined && { isHost: req.isHost }),
      ...(req.disabled !== undefined && { disabled: req.disabled }),
    });
    await this.sites.save(site);
    return toSiteDto(site);
  }

  private async unitDto(id: string): Promise<OrgUnitDto> {
    const dto = (await this.listUnits()).find((u) => u.id === id);
    if (!dto) throw new ApiError('UNIT_NOT_FOUND');
    return dto;
  }

  private async requireUnit(id: string): Promise<OrgUnitEntity> {
    const unit = await this.units.findOne({ where: { id } });
    if (!unit) throw new ApiError('UNIT_NOT_FOUND');
    return unit;
  }

  private async assertCodeFree(code: string): Promise<void> {
    if (await this.units.exists({ where: { code: code.trim() } })) throw new ApiError('UNIT_CODE_TAKEN');
  }

  /** Walks up from the new parent; meeting the unit itself means the move would close a cycle. */
  private async assertNotDescendant(id: string, newParentId: string): Promise<void> {
    const parentOf = new Map((await this.units.find({ select: { id: true, parentId: true } })).map((u) => [u.id, u.parentId]));
    if (!parentOf.has(newParentId)) throw new ApiError('UNIT_NOT_FOUND');
    for (let cursor: string | null | undefined = newParentId; cursor; cursor = parentOf.get(cursor)) {
      if (cursor === id) throw new ApiError('UNIT_PARENT_CYCLE');
    }
  }

  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  private async countBy(entity: Function, column: string): Promise<Map<string, number>> {
    const rows: { key: string; n: string | number }[] = await this.db
      .getRepository(entity)
      .createQueryBuilder('t')
      .select(`t.${column}`, 'key')
      .addSelect('COUNT(*)', 'n')
      .where(`t.${column} IS NOT NULL`)
      .groupBy(`t.${column}`)
      .getRawMany();
    return new Map(rows.map((r) => [r.key, Number(r.n)]));
  }
}
