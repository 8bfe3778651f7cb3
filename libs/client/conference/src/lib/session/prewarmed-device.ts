import { Device, detectDevice, type types } from 'mediasoup-client';
import { Chrome111 } from 'mediasoup-client/handlers/Chrome111';

type Direction = types.HandlerGetNativeRtpCapabilitiesOptions['direction'];

/**
 * A handler factory whose native RTP capabilities (what `Device.load()` asks for, each one costing a throwaway
 * RTCPeerConnection and an offer) are computed once, starting now, instead of after the server's answer.
 */
export function prewarmedFactory(base: types.HandlerFactory): types.HandlerFactory {
  const native = new Map<Direction, Promise<types.RtpCapabilities>>();
  const get = (direction: Direction) => {
    let caps = native.get(direction);
    if (!caps) {
      caps = base.getNativeRtpCapabilities({ direction });
      native.set(direction, caps);
    }
    return caps;
  };
  // A failure here shows up (and is handled) when load() asks again for the same promise.
  for (const direction of ['recvonly', 'sendonly'] as const) get(direction).catch(() => undefined);
  return { name: base.name, factory: (options) => base.factory(options), getNativeRtpCapabilities: ({ direction }) => get(direction) };
}

/**
 * A mediasoup-client Device for this browser whose capability probing already runs while the page waits for the
 * socket and the router's capabilities. Chromium-based browsers (the site PCs) get the prewarmed handler; others
 * the library's own choice.
 */
export function prewarmedDevice(): Device {
  if (detectDevice() !== 'Chrome111') return new Device();
  return new Device({ handlerFactory: prewarmedFactory(Chrome111.createFactory({})) });
}
