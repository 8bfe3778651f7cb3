import type { ConferencePeerDto, ConferenceFloor } from '@phonghop/contracts';

export type LayoutMode = 'speaker' | 'grid';

export interface StageLayout {
  /** Speaker mode: the large tile (the floor holder, else the host, else the first with video). */
  main: ConferencePeerDto | null;
  /** Speaker mode: the strip of thumbnails; grid mode: this page's tiles. */
  tiles: ConferencePeerDto[];
  page: number;
  pages: number;
}

export const GRID_PAGE_SIZE = 9;

/** Sites first (in the hierarchy's order as given), then persons; the host leads. Stable for equal keys. */
export function orderPeers(peers: readonly ConferencePeerDto[]): ConferencePeerDto[] {
  const rank = (p: ConferencePeerDto) => (p.isHost ? 0 : p.kind === 'site' ? 1 : 2);
  return [...peers].sort((a, b) => rank(a) - rank(b) || a.displayName.localeCompare(b.displayName, 'vi'));
}

/**
 * What the stage shows for everyone but oneself (the own camera is a small self-view elsewhere): in speaker mode
 * the spotlight large and the rest as thumbnails; in grid mode pages of nine, the page clamped to what exists.
 */
export function stageLayout(peers: readonly ConferencePeerDto[], selfPeerId: string | null, floor: ConferenceFloor, mode: LayoutMode, page: number): StageLayout {
  const others = orderPeers(peers.filter((p) => p.peerId !== selfPeerId));
  if (mode === 'grid') {
    const pages = Math.max(1, Math.ceil(others.length / GRID_PAGE_SIZE));
    const current = Math.min(Math.max(0, page), pages - 1);
    return { main: null, tiles: others.slice(current * GRID_PAGE_SIZE, (current + 1) * GRID_PAGE_SIZE), page: current, pages };
  }
  const main = others.find((p) => p.peerId === floor.spotlightPeerId) ?? others.find((p) => p.isHost) ?? others[0] ?? null;
  return { main, tiles: others.filter((p) => p !== main), page: 0, pages: 1 };
}
