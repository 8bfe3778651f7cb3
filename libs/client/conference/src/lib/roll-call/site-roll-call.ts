import type { AttendanceEntry, RosterEntry } from '@phonghop/contracts';

export interface RollCallRow {
  userId: string;
  fullName: string;
  unitName: string | null;
  /** Ticked: confirmed here before, or nobody has marked them anywhere yet and they are of this site's unit. */
  present: boolean;
  /** Already counted elsewhere (the hall, another site): shown, not ticked. */
  elsewhere: string | null;
}

/**
 * Who a site's operator can confirm: the meeting's members and proxies (not secretaries, guests or sites), those
 * already confirmed at this site ticked, those counted in the hall or at another site shown as such.
 */
export function rollCallRows(roster: readonly RosterEntry[], attendance: Readonly<Record<string, AttendanceEntry>>, siteId: string | null): RollCallRow[] {
  return roster
    .filter((r) => r.meetingRole === 'chair' || r.meetingRole === 'delegate')
    .map((r) => {
      const a = attendance[r.userId];
      const here = a?.status === 'present' && a.siteId === siteId && a.method === 'site';
      const elsewhere = a?.status === 'present' && !here ? (a.siteName ?? 'hall') : null;
      return { userId: r.userId, fullName: r.fullName, unitName: r.unitName, present: here, elsewhere };
    })
    .sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'));
}
