import { type LiveMotion, type VotesState, openMotion } from '@phonghop/contracts';

/** Which motions of the room's `votes` slice a screen shows, pure. */

/** Closed motions with their result, newest first. */
export function closedMotions(votes: VotesState | null | undefined): LiveMotion[] {
  return Object.values(votes?.motions ?? {})
    .filter((m) => m.status === 'closed' && !!m.outcome)
    .sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? ''));
}

/** The hall display shows a result this long after the close, unless someone takes the floor before. */
export const RESULT_ON_DISPLAY_MS = 5 * 60_000;

export type DisplayVoteFocus = { mode: 'open' | 'result'; motion: LiveMotion };

/**
 * What the hall display gives its main area to: the open vote (always: the hall watches the count), else the
 * latest result for a few minutes while nobody has the floor.
 */
export function displayVoteFocus(votes: VotesState | null | undefined, now: number, speakerActive: boolean): DisplayVoteFocus | null {
  if (!votes) return null;
  const open = openMotion(votes);
  if (open) return { mode: 'open', motion: open };
  if (speakerActive) return null;
  const latest = closedMotions(votes)[0];
  if (!latest?.closedAt) return null;
  return now - Date.parse(latest.closedAt) <= RESULT_ON_DISPLAY_MS ? { mode: 'result', motion: latest } : null;
}
