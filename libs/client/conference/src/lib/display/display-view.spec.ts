import { displayView, spotlightName } from './display-view';

describe('display view', () => {
  it('draws only the spotlight camera and plays no sound', () => {
    expect(displayView('camera', 'site-1', 'site-1')).toBe('large');
    expect(displayView('camera', 'site-2', 'site-1')).toBe('hidden');
    expect(displayView('microphone', 'site-1', 'site-1')).toBe('hidden');
    expect(displayView('camera', 'site-1', null)).toBe('hidden');
  });

  it('names the spotlight', () => {
    const peer = { peerId: 'p', kind: 'site' as const, userId: 'u', displayName: 'Điểm cầu UBND huyện Phú Lộc', siteId: 's', unitName: null, unitKind: null, isHost: false, audioMuted: false, handRaised: false };
    expect(spotlightName([peer], 'p')).toBe('Điểm cầu UBND huyện Phú Lộc');
    expect(spotlightName([peer], null)).toBeNull();
  });
});
