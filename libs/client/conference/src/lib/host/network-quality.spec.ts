import { qualityLevel } from './network-quality';

describe('qualityLevel', () => {
  it('takes the worse of the two directions', () => {
    expect(qualityLevel({ uplink: 10, downlink: 10 })).toBe('good');
    expect(qualityLevel({ uplink: 10, downlink: 6 })).toBe('fair');
    expect(qualityLevel({ uplink: 3, downlink: 9 })).toBe('poor');
    expect(qualityLevel({ uplink: 8, downlink: 5 })).toBe('fair');
  });

  it('uses what it has, and says unknown before any media is scored', () => {
    expect(qualityLevel({ uplink: null, downlink: 9 })).toBe('good');
    expect(qualityLevel({ uplink: 4, downlink: null })).toBe('poor');
    expect(qualityLevel({ uplink: null, downlink: null })).toBe('unknown');
    expect(qualityLevel(undefined)).toBe('unknown');
  });
});
