import type { ConferenceFloor, ConferencePeerDto } from '@phonghop/contracts';

/** What this device's own controls show about it: whether it may speak now, and whether the host muted it. */
export interface SelfStatus {
  /** The host gave this peer the floor (in the conference, or as the live meeting's current speaker). */
  hasFloor: boolean;
  /** Its microphone is paused at the server by the host: a local switch would change nothing anyone hears. */
  mutedByHost: boolean;
}

/**
 * `liveSpeakerUserId`: the live meeting's current speaker, when its session runs (the SFU follows it, a moment later).
 * Hosts run the floor and are never muted by anyone, so they never "have" it in this sense.
 */
export function selfStatus(self: ConferencePeerDto | null, floor: ConferenceFloor, liveSpeakerUserId: string | null): SelfStatus {
  if (!self || self.isHost) return { hasFloor: false, mutedByHost: false };
  const hasFloor = (floor.given && floor.spotlightPeerId === self.peerId) || liveSpeakerUserId === self.userId;
  return { hasFloor, mutedByHost: self.audioMuted };
}

/** A peer's new state in place of its old one: rows (tiles, the host's console) keep their order as states change. */
export function replacePeer(list: readonly ConferencePeerDto[], next: ConferencePeerDto): ConferencePeerDto[] {
  const i = list.findIndex((p) => p.peerId === next.peerId);
  if (i < 0) return [...list, next];
  const out = [...list];
  out[i] = next;
  return out;
}
