import type { VoteProgress } from '@phonghop/contracts';

/**
 * The open vote as screens draw it, pure: how many of the eligible have voted (hall and sites as two segments of
 * one bar) and the countdown. Never a choice: progress counts ballots, nothing else.
 */

export interface ProgressPicture {
  voted: number;
  eligible: number;
  /** Whole percentage voted (0–100). */
  pct: number;
  /** Bar segments in % of the whole bar (hall first, then sites). */
  hallPct: number;
  sitesPct: number;
  remaining: number;
  hall: { voted: number; eligible: number };
  sites: { voted: number; eligible: number };
  /** The meeting has eligible members at sites (otherwise the hall/sites split is not worth showing). */
  hasSites: boolean;
}

const pctOf = (n: number, of: number) => (of > 0 ? Math.round(Math.min(1, Math.max(0, n / of)) * 1000) / 10 : 0);

export function progressPicture(p: VoteProgress): ProgressPicture {
  const voted = Math.min(p.voted, p.eligible);
  return {
    voted,
    eligible: p.eligible,
    pct: p.eligible > 0 ? Math.floor((voted / p.eligible) * 100) : 0,
    hallPct: pctOf(p.hall.voted, p.eligible),
    sitesPct: pctOf(p.sites.voted, p.eligible),
    remaining: Math.max(0, p.eligible - voted),
    hall: { ...p.hall },
    sites: { ...p.sites },
    hasSites: p.sites.eligible > 0,
  };
}

export type ClockTone = 'normal' | 'warning' | 'ending';

/** The last seconds of a vote turn amber. */
export const VOTE_WARNING_SECONDS = 15;

export interface VoteClock {
  /** Whole seconds left, never below 0. */
  remaining: number;
  text: string;
  tone: ClockTone;
  /** Share of the countdown left, 1 → 0 (for a shrinking bar). */
  fraction: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The countdown of a vote with `closesAt`, at server time `now` (ms). `ending`: time is up and the server is
 * closing the vote. Null for a vote the chair closes by hand.
 */
export function voteClock(openedAt: string, closesAt: string | null, now: number): VoteClock | null {
  if (!closesAt) return null;
  const end = Date.parse(closesAt);
  const start = Date.parse(openedAt);
  if (Number.isNaN(end)) return null;
  const remaining = Math.max(0, Math.ceil((end - now) / 1000));
  const total = Number.isNaN(start) ? 0 : Math.max(1, Math.round((end - start) / 1000));
  const tone: ClockTone = remaining === 0 ? 'ending' : remaining <= VOTE_WARNING_SECONDS ? 'warning' : 'normal';
  const text = `${pad(Math.floor(remaining / 60))}:${pad(remaining % 60)}`;
  return { remaining, text, tone, fraction: total ? Math.min(1, remaining / total) : 0 };
}
