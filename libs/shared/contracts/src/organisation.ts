/**
 * Administrative hierarchy as data: any depth, any kind order. The two-level model
 * (province → commune, in force since July 2025) and the older three-level one are both just trees.
 */
export const UNIT_KINDS = ['province', 'district', 'commune', 'department', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Record<UnitKind, { vi: string; en: string }> = {
  province: { vi: 'Tỉnh / Thành phố', en: 'Province' },
  district: { vi: 'Huyện / Thị xã', en: 'District' },
  commune: { vi: 'Xã / Phường / Thị trấn', en: 'Commune' },
  department: { vi: 'Sở / Ban / Ngành', en: 'Department' },
  other: { vi: 'Đơn vị khác', en: 'Other unit' },
};

export interface OrgUnitDto {
  id: string;
  parentId: string | null;
  code: string;
  name: string;
  kind: UnitKind;
  sortOrder: number;
  siteCount: number;
  memberCount: number;
}

/** The whole tree in one response: a province has at most a few hundred units. */
export interface OrgUnitTreeNode extends OrgUnitDto {
  children: OrgUnitTreeNode[];
  sites: ConferenceSiteDto[];
}

export interface CreateUnitRequest {
  parentId: string | null;
  code: string;
  name: string;
  kind: UnitKind;
  sortOrder?: number;
}

export interface UpdateUnitRequest {
  parentId?: string | null;
  code?: string;
  name?: string;
  kind?: UnitKind;
  sortOrder?: number;
}

export interface ConferenceSiteDto {
  id: string;
  unitId: string;
  name: string;
  /** Hội trường, phòng họp trực tuyến... */
  location: string | null;
  /** The host site (điểm cầu chính) of its unit, usually the province hall. */
  isHost: boolean;
  disabled: boolean;
}

/** A unit on the way from the root down to a site: enough to draw province → district → commune. */
export interface UnitRef {
  id: string;
  name: string;
  kind: string;
}

/** A site with where it sits in the hierarchy (its unit and the units above it, root first). */
export interface PlacedSiteDto extends ConferenceSiteDto {
  unitName: string;
  unitKind: string;
  unitPath: UnitRef[];
}

export interface CreateSiteRequest {
  unitId: string;
  name: string;
  location?: string | null;
  isHost?: boolean;
}

export interface UpdateSiteRequest {
  name?: string;
  location?: string | null;
  isHost?: boolean;
  disabled?: boolean;
}

/** Builds the tree from a flat list; orphans (parent missing) become roots so nothing disappears. */
export function buildUnitTree(units: OrgUnitDto[], sites: ConferenceSiteDto[]): OrgUnitTreeNode[] {
  const nodes = new Map<string, OrgUnitTreeNode>();
  for (const u of units) nodes.set(u.id, { ...u, children: [], sites: [] });
  for (const s of sites) nodes.get(s.unitId)?.sites.push(s);
  const roots: OrgUnitTreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const order = (a: OrgUnitTreeNode, b: OrgUnitTreeNode) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'vi');
  const sortDeep = (list: OrgUnitTreeNode[]) => {
    list.sort(order);
    for (const n of list) sortDeep(n.children);
  };
  sortDeep(roots);
  return roots;
}
