import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';

/** TypeORM answers an UPDATE … RETURNING on PostgreSQL with [rows, affected count], an INSERT with the rows. */
function returned<T>(result: unknown): T[] {
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];
}

/** How long a lease lasts without renewal, and how often the owner renews what it holds. */
export const LEASE_TTL_MS = 8000;
export const LEASE_RENEW_MS = 2000;

/**
 * Which process owns each meeting's live room, as rows of `meeting_lease` in PostgreSQL (the clock is the
 * database's, so machines with skewed clocks agree). A process takes a free or expired lease, or one whose holder
 * is known dead; it renews the leases it holds, and learns there that it lost one (a takeover after it looked
 * dead), which the caller must act on by dropping its copy of that room.
 */
export class MeetingLeases {
  private readonly logger = new Logger('MeetingLeases');
  /** Leases this process holds. */
  private readonly held = new Set<string>();
  /** Recently read holders of other processes' leases, so a busy meeting costs no query per request. */
  private readonly known = new Map<string, { owner: string; until: number }>();

  constructor(
    private readonly db: DataSource,
    readonly processId: string,
  ) {}

  holds(meetingId: string): boolean {
    return this.held.has(meetingId);
  }

  heldMeetings(): string[] {
    return [...this.held];
  }

  /** The owner's process id: this process's when the lease was free, expired, or its holder is `deadHolder`. */
  async acquire(meetingId: string, deadHolder: string | null = null): Promise<string> {
    if (this.held.has(meetingId)) return this.processId;
    const cached = this.known.get(meetingId);
    if (!deadHolder && cached && cached.until > Date.now()) return cached.owner;
    const taken = returned<{ owner_id: string }>(await this.db.query(
      `INSERT INTO meeting_lease (meeting_id, owner_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))
       ON CONFLICT (meeting_id) DO UPDATE SET owner_id = EXCLUDED.owner_id, expires_at = EXCLUDED.expires_at
        WHERE meeting_lease.owner_id = EXCLUDED.owner_id OR meeting_lease.expires_at < now() OR meeting_lease.owner_id = $4
       RETURNING owner_id`,
      [meetingId, this.processId, LEASE_TTL_MS / 1000, deadHolder ?? ''],
    ));
    if (taken.length) {
      this.held.add(meetingId);
      this.known.delete(meetingId);
      return this.processId;
    }
    const rows = (await this.db.query(`SELECT owner_id FROM meeting_lease WHERE meeting_id = $1`, [meetingId])) as { owner_id: string }[];
    const owner = rows[0]?.owner_id;
    if (!owner) return this.acquire(meetingId, deadHolder); // released between the two statements
    this.known.set(meetingId, { owner, until: Date.now() + LEASE_RENEW_MS / 2 });
    return owner;
  }

  /** The current holder without taking the lease (null when none or expired): where to forward a change. */
  async holder(meetingId: string): Promise<string | null> {
    if (this.held.has(meetingId)) return this.processId;
    const cached = this.known.get(meetingId);
    if (cached && cached.until > Date.now()) return cached.owner;
    const rows = (await this.db.query(`SELECT owner_id FROM meeting_lease WHERE meeting_id = $1 AND expires_at >= now()`, [meetingId])) as { owner_id: string }[];
    return rows[0]?.owner_id ?? null;
  }

  forget(meetingId: string): void {
    this.known.delete(meetingId);
  }

  /**
   * Renews `keep` and gives back the other held leases; returns the meetings whose lease another process took,
   * which this process no longer owns.
   */
  async renew(keep: ReadonlySet<string>): Promise<string[]> {
    const release = [...this.held].filter((m) => !keep.has(m));
    const renew = [...this.held].filter((m) => keep.has(m));
    if (release.length) {
      for (const m of release) this.held.delete(m);
      await this.db.query(`DELETE FROM meeting_lease WHERE owner_id = $1 AND meeting_id = ANY($2)`, [this.processId, release]);
    }
    if (!renew.length) return [];
    const rows = returned<{ meeting_id: string }>(
      await this.db.query(
        `UPDATE meeting_lease SET expires_at = now() + make_interval(secs => $3) WHERE owner_id = $1 AND meeting_id = ANY($2) RETURNING meeting_id`,
        [this.processId, renew, LEASE_TTL_MS / 1000],
      ),
    );
    const kept = new Set(rows.map((r) => r.meeting_id));
    const lost = renew.filter((m) => !kept.has(m));
    for (const m of lost) this.held.delete(m);
    if (lost.length) this.logger.warn({ meetings: lost }, 'Meeting leases taken over by another process');
    return lost;
  }

  /** On a clean shutdown: the others take the meetings over at once instead of after the lease runs out. */
  async releaseAll(): Promise<void> {
    const all = [...this.held];
    this.held.clear();
    if (all.length) await this.db.query(`DELETE FROM meeting_lease WHERE owner_id = $1 AND meeting_id = ANY($2)`, [this.processId, all]);
  }
}
