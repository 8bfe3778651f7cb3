import type { InvitedSiteDto, SiteConnectionState } from '@phonghop/contracts';

/** A unit in the host console's tree, with the invited sites directly under it. */
export interface SiteTreeNode {
  unitId: string;
  name: string;
  kind: string;
  depth: number;
  sites: InvitedSiteDto[];
  children: SiteTreeNode[];
}

/** Builds province → district → commune from each site's unit path (the server sends them in tree order). */
export function siteTree(sites: readonly InvitedSiteDto[]): SiteTreeNode[] {
  const roots: SiteTreeNode[] = [];
  const byId = new Map<string, SiteTreeNode>();
  for (const site of sites) {
    let level = roots;
    let node: SiteTreeNode | undefined;
    site.unitPath.forEach((u, depth) => {
      node = byId.get(u.id);
      if (!node) {
        node = { unitId: u.id, name: u.name, kind: u.kind, depth, sites: [], children: [] };
        byId.set(u.id, node);
        level.push(node);
      }
      level = node.children;
    });
    node?.sites.push(site);
  }
  return roots;
}

/** Roll call: how many invited sites are live, and per state. */
export function rollCall(sites: readonly InvitedSiteDto[]): Record<SiteConnectionState, number> & { total: number } {
  const counts = { invited: 0, connecting: 0, live: 0, lost: 0, total: sites.length };
  for (const s of sites) counts[s.state]++;
  return counts;
}
