import type { ConferencePeerDto, ConferenceFloor } from '@phonghop/contracts';
import { GRID_PAGE_SIZE, stageLayout } from './stage-layout';

const peer = (peerId: string, over: Partial<ConferencePeerDto> = {}): ConferencePeerDto => ({
  peerId, kind: 'site', userId: `u-${peerId}`, displayName: `Điểm cầu ${peerId}`, siteId: `s-${peerId}`, unitName: null, unitKind: 'commune',
  isHost: false, audioMuted: true, handRaised: false, ...over,
});
const floor = (spotlightPeerId: string | null): ConferenceFloor => ({ spotlightPeerId, queue: [], autoSpotlight: true, given: spotlightPeerId !== null });

describe('stageLayout', () => {
  const host = peer('host', { kind: 'person', displayName: 'Chủ trì', isHost: true });
  const peers = [peer('b'), host, peer('a'), peer('me')];

  it('puts the floor holder large, else the host, and never oneself', () => {
    expect(stageLayout(peers, 'me', floor('b'), 'speaker', 0).main?.peerId).toBe('b');
    const l = stageLayout(peers, 'me', floor(null), 'speaker', 0);
    expect(l.main?.peerId).toBe('host');
    expect(l.tiles.map((p) => p.peerId)).toEqual(['a', 'b']);
    expect(stageLayout([peer('me')], 'me', floor(null), 'speaker', 0).main).toBeNull();
  });

  it('pages the grid by nine and clamps the page', () => {
    const many = Array.from({ length: 20 }, (_, i) => peer(`p${String(i).padStart(2, '0')}`));
    const first = stageLayout(many, null, floor(null), 'grid', 0);
    expect(first.pages).toBe(3);
    expect(first.tiles).toHaveLength(GRID_PAGE_SIZE);
    const last = stageLayout(many, null, floor(null), 'grid', 7);
    expect(last.page).toBe(2);
    expect(last.tiles.map((p) => p.peerId)).toEqual(['p18', 'p19']);
  });
});
