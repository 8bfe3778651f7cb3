import type { AttendanceEntry, RosterEntry } from '@phonghop/contracts';
import { rollCallRows } from './site-roll-call';

const person = (userId: string, meetingRole: RosterEntry['meetingRole'] = 'delegate'): RosterEntry => ({
  participantId: `p-${userId}`,
  userId,
  fullName: `Người ${userId}`,
  unitName: null,
  meetingRole,
  rsvp: 'attending',
  delegateUserId: null,
  representsUserId: null,
});
const at = (userId: string, siteId: string | null, siteName: string | null): AttendanceEntry => ({ userId, status: 'present', method: siteId ? 'site' : 'qr', siteId, siteName, at: '' });

describe('rollCallRows', () => {
  it('lists members only, ticks those confirmed here, shows those counted elsewhere', () => {
    const roster = [person('a'), person('b'), person('c', 'chair'), person('s', 'secretary'), person('x', 'site')];
    const rows = rollCallRows(roster, { a: at('a', 'site-1', 'Phú Lộc'), b: at('b', null, null), c: at('c', 'site-2', 'Tân Hòa') }, 'site-1');
    expect(rows.map((r) => [r.userId, r.present, r.elsewhere])).toEqual([
      ['a', true, null],
      ['b', false, 'hall'],
      ['c', false, 'Tân Hòa'],
    ]);
  });
});
