// mediasoup's types through its main entry: the API is compiled with node10 resolution, which ignores the
// package's `exports` map (so `mediasoup/types` cannot be named there).
import type { types } from 'mediasoup';

export type ActiveSpeakerObserver = types.ActiveSpeakerObserver;
export type AudioLevelObserver = types.AudioLevelObserver;
export type Consumer = types.Consumer;
export type DtlsParameters = types.DtlsParameters;
export type MediaKind = types.MediaKind;
export type PipeTransport = types.PipeTransport;
export type SrtpParameters = types.SrtpParameters;
export type TransportListenInfo = types.TransportListenInfo;
export type Producer = types.Producer;
export type Router = types.Router;
export type RouterRtpCodecCapability = types.RouterRtpCodecCapability;
export type RtpCapabilities = types.RtpCapabilities;
export type RtpParameters = types.RtpParameters;
export type WebRtcServer = types.WebRtcServer;
export type WebRtcTransport = types.WebRtcTransport;
export type WebRtcTransportOptions = types.WebRtcTransportOptions;
export type Worker = types.Worker;
