import { emptyFloor, followSpeaker, giveFloor, peerLeft, raiseHand } from './floor';

describe('floor', () => {
  const t = (s: number) => new Date(Date.UTC(2026, 10, 24, 8, 0, s));

  it('queues requests to speak in order, once per peer, and withdraws them', () => {
    let f = raiseHand(emptyFloor(), 'a', 'Phú Mỹ', true, t(1));
    f = raiseHand(f, 'b', 'Lộc Điền', true, t(2));
    f = raiseHand(f, 'a', 'Phú Mỹ', true, t(3));
    expect(f.queue.map((q) => q.peerId)).toEqual(['b', 'a']);
    f = raiseHand(f, 'b', 'Lộc Điền', false, t(4));
    expect(f.queue.map((q) => q.peerId)).toEqual(['a']);
  });

  it('giving the floor spotlights the peer and takes it out of the queue; leaving clears both', () => {
    let f = raiseHand(raiseHand(emptyFloor(), 'a', 'A', true, t(1)), 'b', 'B', true, t(2));
    f = giveFloor(f, 'a');
    expect(f.spotlightPeerId).toBe('a');
    expect(f.given).toBe(true);
    expect(f.queue.map((q) => q.peerId)).toEqual(['b']);
    f = peerLeft(f, 'a');
    expect(f.spotlightPeerId).toBeNull();
    expect(f.given).toBe(false);
    f = peerLeft(f, 'b');
    expect(f.queue).toEqual([]);
  });

  it('follows the active speaker only when automatic and no floor was given', () => {
    const f = emptyFloor();
    expect(followSpeaker(f, 'x').spotlightPeerId).toBe('x');
    expect(followSpeaker(f, 'x').given).toBe(false);
    expect(followSpeaker(giveFloor(f, 'y'), 'x').spotlightPeerId).toBe('y');
    expect(followSpeaker({ ...f, autoSpotlight: false }, 'x').spotlightPeerId).toBeNull();
  });
});
