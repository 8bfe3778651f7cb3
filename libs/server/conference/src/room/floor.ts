import type { ConferenceFloor } from '@phonghop/contracts';

/**
 * Who has the floor and who asked for it. Pure: the room applies the media side (resume the holder's microphone,
 * pause the previous one's, spotlight the holder's video).
 */
export function emptyFloor(): ConferenceFloor {
  return { spotlightPeerId: null, queue: [], autoSpotlight: true, given: false };
}

export function raiseHand(floor: ConferenceFloor, peerId: string, displayName: string, raised: boolean, now: Date): ConferenceFloor {
  const queue = floor.queue.filter((q) => q.peerId !== peerId);
  if (raised && floor.spotlightPeerId !== peerId) queue.push({ peerId, displayName, requestedAt: now.toISOString() });
  return { ...floor, queue };
}

/** Giving the floor takes the peer out of the queue; `null` takes the floor back (the host speaks). */
export function giveFloor(floor: ConferenceFloor, peerId: string | null): ConferenceFloor {
  return { ...floor, spotlightPeerId: peerId, given: peerId !== null, queue: peerId ? floor.queue.filter((q) => q.peerId !== peerId) : floor.queue };
}

export function peerLeft(floor: ConferenceFloor, peerId: string): ConferenceFloor {
  return {
    ...floor,
    spotlightPeerId: floor.spotlightPeerId === peerId ? null : floor.spotlightPeerId,
    given: floor.spotlightPeerId === peerId ? false : floor.given,
    queue: floor.queue.filter((q) => q.peerId !== peerId),
  };
}

/** The active speaker moves the spotlight only when automatic spotlight is on and nobody was given the floor. */
export function followSpeaker(floor: ConferenceFloor, speakerPeerId: string): ConferenceFloor {
  if (!floor.autoSpotlight || floor.given || floor.spotlightPeerId === speakerPeerId) return floor;
  return { ...floor, spotlightPeerId: speakerPeerId };
}
