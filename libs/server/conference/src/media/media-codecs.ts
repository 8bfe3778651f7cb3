import type { RouterRtpCodecCapability } from './mediasoup-types';

/** Opus for speech, VP8 for video (simulcast; every browser on the tablets decodes it in hardware or fast). */
export const MEDIA_CODECS: RouterRtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2, preferredPayloadType: 100 },
  {
    kind: 'video',
    mimeType: 'video/VP8',
    clockRate: 90000,
    preferredPayloadType: 101,
    parameters: { 'x-google-start-bitrate': 600 },
  },
];
