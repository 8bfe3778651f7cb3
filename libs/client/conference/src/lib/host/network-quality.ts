import type { PeerNetworkQuality } from '@phonghop/contracts';

export type QualityLevel = 'good' | 'fair' | 'poor' | 'unknown';

/**
 * The host console's three-bar view of a peer's link: the worse of its uplink and downlink scores (mediasoup's
 * 0–10, falling with packet loss). 8 and up is good (no visible effect), 5–7 fair (some loss, lower layers),
 * below 5 poor (freezes, broken audio).
 */
export function qualityLevel(q: Pick<PeerNetworkQuality, 'uplink' | 'downlink'> | undefined): QualityLevel {
  const scores = [q?.uplink, q?.downlink].filter((s): s is number => typeof s === 'number');
  if (!scores.length) return 'unknown';
  const worst = Math.min(...scores);
  return worst >= 8 ? 'good' : worst >= 5 ? 'fair' : 'poor';
}
