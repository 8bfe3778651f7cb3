import type { ConferenceFloor, ConferencePeerDto } from '@phonghop/contracts';
import { replacePeer, selfStatus } from './self-status';

const peer = (peerId: string, extra: Partial<ConferencePeerDto> = {}): ConferencePeerDto => ({
  peerId,
  kind: 'site',
  userId: `u-${peerId}`,
  displayName: peerId,
  siteId: `s-${peerId}`,
  unitName: null,
  unitKind: 'district',
  isHost: false,
  audioMuted: true,
  handRaised: false,
  ...extra,
});
const floor = (extra: Partial<ConferenceFloor> = {}): ConferenceFloor => ({ spotlightPeerId: null, queue: [], autoSpotlight: true, given: false, ...extra });

describe('selfStatus', () => {
  it('has the floor when the host gave it, not when the spotlight only follows the active speaker', () => {
    expect(selfStatus(peer('a', { audioMuted: false }), floor({ spotlightPeerId: 'a', given: true }), null)).toEqual({ hasFloor: true, mutedByHost: false });
    expect(selfStatus(peer('a', { audioMuted: false }), floor({ spotlightPeerId: 'a', given: false }), null).hasFloor).toBe(false);
    expect(selfStatus(peer('a'), floor({ spotlightPeerId: 'b', given: true }), null).hasFloor).toBe(false);
  });

  it('has the floor as the live meeting’s speaker, before the SFU has followed', () => {
    expect(selfStatus(peer('a'), floor(), 'u-a')).toEqual({ hasFloor: true, mutedByHost: true });
    expect(selfStatus(peer('a'), floor(), 'u-b').hasFloor).toBe(false);
  });

  it('a host is never muted by the host nor holds the floor; nobody yet, nothing', () => {
    expect(selfStatus(peer('h', { isHost: true, audioMuted: true }), floor({ spotlightPeerId: 'h', given: true }), 'u-h')).toEqual({ hasFloor: false, mutedByHost: false });
    expect(selfStatus(null, floor(), null)).toEqual({ hasFloor: false, mutedByHost: false });
  });
});

describe('replacePeer', () => {
  it('keeps the order when a peer’s state changes, and adds a new one at the end', () => {
    const list = [peer('a'), peer('b'), peer('c')];
    expect(replacePeer(list, peer('a', { handRaised: true })).map((p) => [p.peerId, p.handRaised])).toEqual([
      ['a', true],
      ['b', false],
      ['c', false],
    ]);
    expect(replacePeer(list, peer('d')).map((p) => p.peerId)).toEqual(['a', 'b', 'c', 'd']);
    expect(list.map((p) => p.handRaised)).toEqual([false, false, false]);
  });
});
