import type { ConferenceSiteDto, OrgUnitTreeNode } from '@phonghop/contracts';

/** One row on screen: a unit (its checkbox chooses its whole branch) or one of its sites. */
export type SitePickerRow =
  | { type: 'unit'; node: OrgUnitTreeNode; level: number; expandable: boolean; expanded: boolean; siteIds: string[] }
  | { type: 'site'; site: ConferenceSiteDto; level: number };

/** How much of a branch is chosen (sites already invited count as chosen: they are in the meeting). */
export type BranchState = 'all' | 'some' | 'none';

/** The enabled sites of a unit and of every unit under it, in tree order. */
export function branchSiteIds(node: OrgUnitTreeNode): string[] {
  return [...node.sites.filter((s) => !s.disabled).map((s) => s.id), ...node.children.flatMap(branchSiteIds)];
}

/** The tree with only what can be invited: enabled sites, and the units that have one somewhere below. */
export function sitesOnly(nodes: readonly OrgUnitTreeNode[]): OrgUnitTreeNode[] {
  return nodes.flatMap((n) => {
    const children = sitesOnly(n.children);
    const sites = n.sites.filter((s) => !s.disabled);
    return sites.length || children.length ? [{ ...n, sites, children }] : [];
  });
}

/** The units open at first: the top two levels (a province and its districts), so a district is one tap away. */
export function initiallyExpanded(roots: readonly OrgUnitTreeNode[]): Set<string> {
  return new Set(roots.flatMap((r) => [r.id, ...r.children.map((c) => c.id)]));
}

/** The rows for the current expansion: a unit, then (if open) its own sites and its sub-units. */
export function pickerRows(roots: readonly OrgUnitTreeNode[], expanded: ReadonlySet<string>): SitePickerRow[] {
  const rows: SitePickerRow[] = [];
  const walk = (nodes: readonly OrgUnitTreeNode[], level: number) => {
    for (const node of nodes) {
      const expandable = node.children.length > 0 || node.sites.length > 0;
      const open = expandable && expanded.has(node.id);
      rows.push({ type: 'unit', node, level, expandable, expanded: open, siteIds: branchSiteIds(node) });
      if (!open) continue;
      for (const site of node.sites) rows.push({ type: 'site', site, level: level + 1 });
      walk(node.children, level + 1);
    }
  };
  walk(roots, 1);
  return rows;
}

export function branchState(siteIds: readonly string[], chosen: ReadonlySet<string>, invited: ReadonlySet<string>): BranchState {
  const count = siteIds.filter((id) => chosen.has(id) || invited.has(id)).length;
  return count === 0 ? 'none' : count === siteIds.length ? 'all' : 'some';
}

/** Ticking a branch chooses every site in it not yet invited; ticking a fully chosen branch clears those again. */
export function toggleBranch(siteIds: readonly string[], chosen: ReadonlySet<string>, invited: ReadonlySet<string>): Set<string> {
  const next = new Set(chosen);
  const open = siteIds.filter((id) => !invited.has(id));
  if (open.every((id) => next.has(id))) for (const id of open) next.delete(id);
  else for (const id of open) next.add(id);
  return next;
}
