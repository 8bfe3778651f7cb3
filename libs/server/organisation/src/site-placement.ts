import type { ConferenceSiteDto, PlacedSiteDto, UnitRef } from '@phonghop/contracts';

/** What placing a site needs to know of a unit. */
export interface PlacementUnit {
  id: string;
  parentId: string | null;
  name: string;
  kind: string;
  sortOrder: number;
}

/** Deeper than any real hierarchy (province → district → commune is 3): a guard against a parent cycle in the data. */
const MAX_DEPTH = 16;

/**
 * Each site with its unit and the units above it (root first), in the order of the organisation tree: by each level's
 * sort order and name, a unit's own sites before its sub-units' — so a district is followed by its communes.
 */
export function placeSites(units: readonly PlacementUnit[], sites: readonly ConferenceSiteDto[]): PlacedSiteDto[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const chainOf = (unitId: string): PlacementUnit[] => {
    const chain: PlacementUnit[] = [];
    for (let u = byId.get(unitId); u && chain.length < MAX_DEPTH; u = u.parentId ? byId.get(u.parentId) : undefined) chain.unshift(u);
    return chain;
  };
  const placed = sites.map((site) => {
    const chain = chainOf(site.unitId);
    const unit = byId.get(site.unitId);
    const unitPath: UnitRef[] = chain.map((u) => ({ id: u.id, name: u.name, kind: u.kind }));
    return { dto: { ...site, unitName: unit?.name ?? '', unitKind: unit?.kind ?? 'other', unitPath }, chain };
  });
  return placed.sort((a, b) => compareChains(a.chain, b.chain) || a.dto.name.localeCompare(b.dto.name, 'vi')).map((p) => p.dto);
}

/** Tree order: level by level by (sort order, name); a unit comes before the units under it. */
function compareChains(a: readonly PlacementUnit[], b: readonly PlacementUnit[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i].id === b[i].id) continue;
    return a[i].sortOrder - b[i].sortOrder || a[i].name.localeCompare(b[i].name, 'vi');
  }
  return a.length - b.length;
}
