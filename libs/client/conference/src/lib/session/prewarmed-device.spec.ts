import { Device, FakeHandler, testFakeParameters, type types } from 'mediasoup-client';
import { prewarmedFactory } from './prewarmed-device';

/** mediasoup-client's own fake handler (no RTCPeerConnection in node), counting what the Device asks it. */
function countingFakeFactory(): { factory: types.HandlerFactory; asked: string[] } {
  const base = FakeHandler.createFactory(testFakeParameters);
  const asked: string[] = [];
  return {
    asked,
    factory: {
      ...base,
      getNativeRtpCapabilities: (options) => {
        asked.push(options.direction);
        return base.getNativeRtpCapabilities(options);
      },
    },
  };
}

describe('prewarmedFactory', () => {
  it('probes both directions at once, before the Device loads, and only once', async () => {
    const { factory, asked } = countingFakeFactory();
    const device = new Device({ handlerFactory: prewarmedFactory(factory) });
    expect(asked.sort()).toEqual(['recvonly', 'sendonly']);

    await device.load({ routerRtpCapabilities: testFakeParameters.generateRouterRtpCapabilities() });
    expect(asked).toHaveLength(2);
    expect(device.loaded).toBe(true);
    expect(device.canProduce('video')).toBe(true);
    expect(device.rtpCapabilities.codecs?.length).toBeGreaterThan(0);
  });

  it('loads like the plain factory does', async () => {
    const routerRtpCapabilities = testFakeParameters.generateRouterRtpCapabilities();
    const plain = new Device({ handlerFactory: FakeHandler.createFactory(testFakeParameters) });
    const warm = new Device({ handlerFactory: prewarmedFactory(FakeHandler.createFactory(testFakeParameters)) });
    await plain.load({ routerRtpCapabilities });
    await warm.load({ routerRtpCapabilities });
    expect(warm.rtpCapabilities).toEqual(plain.rtpCapabilities);
    expect(warm.sendRtpCapabilities).toEqual(plain.sendRtpCapabilities);
  });

  it('a failed probe fails load(), not earlier', async () => {
    const base = FakeHandler.createFactory(testFakeParameters);
    const failing = prewarmedFactory({ ...base, getNativeRtpCapabilities: () => Promise.reject(new Error('no WebRTC')) });
    const device = new Device({ handlerFactory: failing });
    await expect(device.load({ routerRtpCapabilities: testFakeParameters.generateRouterRtpCapabilities() })).rejects.toThrow('no WebRTC');
  });
});
