import { formatDecimal, isMember, parseDecimal, type RosterEntry } from '@phonghop/contracts';

/**
 * Vote weights per member (trọng số), pure: the rows of the settings form and the map sent to the server. Weights
 * are exact decimals ("1", "0.5", "2.25"); a blank field means the default weight 1.
 */

export interface WeightRow {
  userId: string;
  fullName: string;
  unitName: string | null;
  text: string;
}

/** The members (chair and delegates, not proxies) with their weights as stored. */
export function weightRows(roster: readonly RosterEntry[], weights: Readonly<Record<string, string>>): WeightRow[] {
  return roster
    .filter(isMember)
    .map((r) => ({ userId: r.userId, fullName: r.fullName, unitName: r.unitName, text: weights[r.userId] ?? '' }))
    .sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'));
}

/** A weight the server accepts: a decimal with at most 6 places, above zero (blank = 1). */
export function weightValid(text: string): boolean {
  const t = text.trim();
  if (!t) return true;
  const units = parseDecimal(t);
  return units !== null && units > 0n;
}

/** Only the weights other than 1, in canonical spelling ("2.50" → "2.5"); null while any field is invalid. */
export function weightsRequest(rows: readonly WeightRow[]): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const row of rows) {
    if (!weightValid(row.text)) return null;
    const units = parseDecimal(row.text.trim());
    if (units === null || units === 1_000_000n) continue;
    out[row.userId] = formatDecimal(units);
  }
  return out;
}
