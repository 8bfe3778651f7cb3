import type { PresenceEntry, RosterEntry, RsvpState } from '@phonghop/contracts';

/** The order answers are shown in: who comes, who does not, who sends someone, who has not answered. */
export const RSVP_ORDER: readonly RsvpState[] = ['attending', 'declined', 'delegated', 'pending'];

export type RsvpCounts = Record<RsvpState, number> & { total: number };

export function rsvpCounts(roster: readonly Pick<RosterEntry, 'rsvp'>[]): RsvpCounts {
  const counts: RsvpCounts = { attending: 0, declined: 0, delegated: 0, pending: 0, total: roster.length };
  for (const r of roster) counts[r.rsvp]++;
  return counts;
}

export interface RsvpBar {
  state: RsvpState;
  count: number;
  /** Share of all invitees, 0–100, rounded so the bars of a full roster add up to 100. */
  percent: number;
}

/** Bars for the small chart; largest-remainder rounding keeps the sum at exactly 100. */
export function rsvpBars(counts: RsvpCounts): RsvpBar[] {
  if (counts.total === 0) return RSVP_ORDER.map((state) => ({ state, count: 0, percent: 0 }));
  const raw = RSVP_ORDER.map((state) => ({ state, count: counts[state], exact: (counts[state] * 100) / counts.total }));
  const bars = raw.map((r) => ({ state: r.state, count: r.count, percent: Math.floor(r.exact) }));
  let missing = 100 - bars.reduce((s, b) => s + b.percent, 0);
  const byRemainder = raw.map((r, i) => ({ i, rem: r.exact - Math.floor(r.exact) })).sort((a, b) => b.rem - a.rem);
  for (const { i, rem } of byRemainder) {
    if (missing <= 0 || rem === 0) break;
    bars[i].percent++;
    missing--;
  }
  return bars;
}

/** A roster line with what the page shows next to the name. */
export interface RosterRow extends RosterEntry {
  online: boolean;
  /** Name of the person this participant sent in their place. */
  delegateName: string | null;
  /** Name of the person this proxy stands in for. */
  representsName: string | null;
}

/** Joins the live roster with live presence and resolves proxy names; keeps the roster's order (by name). */
export function rosterRows(roster: readonly RosterEntry[], presence: readonly PresenceEntry[]): RosterRow[] {
  const online = new Set(presence.map((p) => p.userId));
  const names = new Map(roster.map((r) => [r.userId, r.fullName]));
  return roster.map((r) => ({
    ...r,
    online: online.has(r.userId),
    delegateName: r.delegateUserId ? (names.get(r.delegateUserId) ?? null) : null,
    representsName: r.representsUserId ? (names.get(r.representsUserId) ?? null) : null,
  }));
}
