import type { ConferenceSiteDto, OrgUnitTreeNode, UnitKind } from '@phonghop/contracts';

export type UnitTreeRow =
  | { type: 'unit'; node: OrgUnitTreeNode; level: number; expandable: boolean; expanded: boolean }
  | { type: 'site'; site: ConferenceSiteDto; unit: OrgUnitTreeNode; level: number };

/**
 * The rows on screen for the current expansion: a unit, then (if open) its sites and sub-units.
 * Flat rows keep the tree accessible (role="treeitem" with aria-level) and cheap to render for
 * a province's few hundred units.
 */
export function visibleRows(roots: readonly OrgUnitTreeNode[], expanded: ReadonlySet<string>): UnitTreeRow[] {
  const rows: UnitTreeRow[] = [];
  const walk = (nodes: readonly OrgUnitTreeNode[], level: number) => {
    for (const node of nodes) {
      const expandable = node.children.length > 0 || node.sites.length > 0;
      const open = expandable && expanded.has(node.id);
      rows.push({ type: 'unit', node, level, expandable, expanded: open });
      if (!open) continue;
      for (const site of node.sites) rows.push({ type: 'site', site, unit: node, level: level + 1 });
      walk(node.children, level + 1);
    }
  };
  walk(roots, 1);
  return rows;
}

export function allUnits(roots: readonly OrgUnitTreeNode[]): OrgUnitTreeNode[] {
  const out: OrgUnitTreeNode[] = [];
  const walk = (nodes: readonly OrgUnitTreeNode[]) => {
    for (const n of nodes) {
      out.push(n);
      walk(n.children);
    }
  };
  walk(roots);
  return out;
}

export function countSites(roots: readonly OrgUnitTreeNode[]): number {
  return allUnits(roots).reduce((sum, u) => sum + u.sites.length, 0);
}

/** Ids of a unit and everything under it: none of them can become its new parent. */
export function subtreeIds(node: OrgUnitTreeNode): Set<string> {
  return new Set(allUnits([node]).map((n) => n.id));
}

export interface UnitOption {
  id: string;
  name: string;
  depth: number;
}

/** Units in tree order with their depth, for an indented parent picker. */
export function unitOptions(roots: readonly OrgUnitTreeNode[], exclude: ReadonlySet<string> = new Set()): UnitOption[] {
  const out: UnitOption[] = [];
  const walk = (nodes: readonly OrgUnitTreeNode[], depth: number) => {
    for (const n of nodes) {
      if (exclude.has(n.id)) continue;
      out.push({ id: n.id, name: n.name, depth });
      walk(n.children, depth + 1);
    }
  };
  walk(roots, 0);
  return out;
}

/** A sensible default kind for a new unit under `parent` (still editable: the hierarchy is data). */
export function suggestChildKind(parentKind: UnitKind | null): UnitKind {
  switch (parentKind) {
    case null:
      return 'province';
    case 'province':
      return 'district';
    case 'district':
      return 'commune';
    default:
      return 'other';
  }
}

export const UNIT_KIND_ICONS: Record<UnitKind, string> = {
  province: 'account-balance',
  district: 'location-city',
  commune: 'home',
  department: 'business',
  other: 'apartment',
};
