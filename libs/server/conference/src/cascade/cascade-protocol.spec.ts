import { parseCascadeMessage } from './cascade-protocol';

describe('cascade messages', () => {
  const peer = {
    peerId: 'aB3_xYz-0123456789ab',
    kind: 'site',
    userId: '0b7a3c1e-6f0e-4e44-9d65-0c1c3a8b9e10',
    displayName: 'Điểm cầu UBND huyện Phú Lộc',
    siteId: '5d0e6f57-9d7c-4b32-8f51-2a1f6e0b7c33',
    unitName: 'UBND huyện Phú Lộc',
    unitKind: 'district',
    isHost: false,
    audioMuted: true,
    handRaised: false,
  };

  it('accepts the messages a linked server sends', () => {
    const link = { method: 'link', data: { meetingId: '7F3C2A10-5B1E-4C9A-8D2F-0A1B2C3D4E5F', pipe: { ip: '10.1.2.3', port: 40123, srtpParameters: { cryptoSuite: 'AEAD_AES_256_GCM', keyBase64: 'x' } } } };
    expect(parseCascadeMessage(link)).toEqual(link);
    expect(parseCascadeMessage({ method: 'peer', data: { peer } })).not.toBeNull();
    const produce = { peerId: peer.peerId, producerId: '3f1d2c4b-aaaa-4bbb-8ccc-123456789abc', kind: 'audio', rtpParameters: { codecs: [] }, source: 'microphone', paused: true };
    expect(parseCascadeMessage({ method: 'produce', data: produce })).not.toBeNull();
    const floor = { spotlightPeerId: null, queue: [{ peerId: peer.peerId, displayName: 'Phú Lộc', requestedAt: '2026-11-24T02:00:00.000Z' }], autoSpotlight: true, given: false };
    expect(parseCascadeMessage({ method: 'floor', data: { floor } })).not.toBeNull();
  });

  it('refuses unknown methods and malformed data', () => {
    expect(parseCascadeMessage({ method: 'dropDatabase', data: {} })).toBeNull();
    expect(parseCascadeMessage({ method: 'peer', data: { peer: { ...peer, isHost: 'yes' } } })).toBeNull();
    expect(parseCascadeMessage({ method: 'peer', data: { peer: { ...peer, peerId: '../../etc' } } })).toBeNull();
    // A microphone must be audio, a camera video.
    const produce = { peerId: peer.peerId, producerId: 'p1', kind: 'video', rtpParameters: {}, source: 'microphone', paused: false };
    expect(parseCascadeMessage({ method: 'produce', data: produce })).toBeNull();
    expect(parseCascadeMessage({ method: 'link', data: { meetingId: 'tinh', pipe: { ip: '10.1.2.3', port: 1, srtpParameters: {} } } })).toBeNull();
    expect(parseCascadeMessage({ method: 'link', data: { meetingId: '7f3c2a10-5b1e-4c9a-8d2f-0a1b2c3d4e5f', pipe: { ip: '10.1.2.3', port: 70000, srtpParameters: {} } } })).toBeNull();
    expect(parseCascadeMessage({ method: 'floor', data: { floor: { spotlightPeerId: null, queue: 'all', autoSpotlight: true, given: false } } })).toBeNull();
    expect(parseCascadeMessage(null)).toBeNull();
    expect(parseCascadeMessage({ method: 'mute', data: { peerId: peer.peerId, muted: 'yes' } })).toBeNull();
  });
});
