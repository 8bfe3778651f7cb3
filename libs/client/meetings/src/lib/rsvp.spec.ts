import type { RosterEntry } from '@phonghop/contracts';
import { rosterRows, rsvpBars, rsvpCounts } from './rsvp';

const entry = (userId: string, rsvp: RosterEntry['rsvp'], extra: Partial<RosterEntry> = {}): RosterEntry => ({
  participantId: `p-${userId}`,
  userId,
  fullName: userId.toUpperCase(),
  unitName: null,
  meetingRole: 'delegate',
  rsvp,
  delegateUserId: null,
  representsUserId: null,
  ...extra,
});

describe('RSVP helpers', () => {
  it('counts answers by state', () => {
    const counts = rsvpCounts([entry('a', 'attending'), entry('b', 'attending'), entry('c', 'declined'), entry('d', 'pending')]);
    expect(counts).toEqual({ attending: 2, declined: 1, delegated: 0, pending: 1, total: 4 });
  });

  it('makes bars that add up to exactly 100 percent', () => {
    const bars = rsvpBars(rsvpCounts([entry('a', 'attending'), entry('b', 'declined'), entry('c', 'pending')]));
    expect(bars.map((b) => b.state)).toEqual(['attending', 'declined', 'delegated', 'pending']);
    expect(bars.reduce((s, b) => s + b.percent, 0)).toBe(100);
    expect(bars.find((b) => b.state === 'delegated')?.percent).toBe(0);
  });

  it('shows empty bars for an empty roster', () => {
    expect(rsvpBars(rsvpCounts([])).every((b) => b.percent === 0 && b.count === 0)).toBe(true);
  });

  it('marks who is online and resolves proxy names', () => {
    const rows = rosterRows(
      [entry('a', 'delegated', { delegateUserId: 'b' }), entry('b', 'pending', { representsUserId: 'a' })],
      [{ userId: 'b', fullName: 'B', meetingRole: 'delegate' }],
    );
    expect(rows.map((r) => [r.userId, r.online, r.delegateName, r.representsName])).toEqual([
      ['a', false, 'B', null],
      ['b', true, null, 'A'],
    ]);
  });
});
