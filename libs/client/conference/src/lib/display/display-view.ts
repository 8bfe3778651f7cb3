import type { ConferencePeerDto, MediaSource } from '@phonghop/contracts';

/** What a display does with each thing it could receive: only the spotlight's camera is drawn; nothing is heard. */
export function displayView(source: MediaSource, fromPeerId: string, spotlightPeerId: string | null): 'large' | 'hidden' {
  // The hall hears the site through the hall's own conference PC and speakers: a second loudspeaker would echo.
  return source === 'camera' && fromPeerId === spotlightPeerId ? 'large' : 'hidden';
}

/** The name under the picture: the site's name (or the person's). */
export function spotlightName(peers: readonly ConferencePeerDto[], spotlightPeerId: string | null): string | null {
  return peers.find((p) => p.peerId === spotlightPeerId)?.displayName ?? null;
}
