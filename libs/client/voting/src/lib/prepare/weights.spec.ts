import type { RosterEntry } from '@phonghop/contracts';
import { weightRows, weightsRequest, weightValid } from './weights';

const entry = (userId: string, fullName: string, meetingRole: RosterEntry['meetingRole'], representsUserId: string | null = null): RosterEntry => ({
  participantId: `p-${userId}`,
  userId,
  fullName,
  unitName: null,
  meetingRole,
  rsvp: 'attending',
  delegateUserId: null,
  representsUserId,
});

describe('vote weights', () => {
  const roster = [entry('c', 'Trần Chủ Tọa', 'chair'), entry('d', 'Lê Đại Biểu', 'delegate'), entry('s', 'Thư Ký', 'secretary'), entry('p', 'Người Thay', 'delegate', 'd')];

  it('lists the members only, with their stored weights', () => {
    expect(weightRows(roster, { d: '2' }).map((r) => [r.userId, r.text])).toEqual([
      ['d', '2'],
      ['c', ''],
    ]);
  });

  it('accepts exact decimals above zero, blank for 1', () => {
    expect(['', ' 2 ', '0.5', '2.250000'].every(weightValid)).toBe(true);
    expect(['0', '-1', '1,5', '0.0000001', 'abc'].some(weightValid)).toBe(false);
  });

  it('sends the weights other than 1 in canonical spelling, nothing while one is wrong', () => {
    const rows = weightRows(roster, {});
    expect(weightsRequest(rows.map((r) => ({ ...r, text: r.userId === 'd' ? '2.50' : '1' })))).toEqual({ d: '2.5' });
    expect(weightsRequest(rows.map((r) => ({ ...r, text: '0' })))).toBeNull();
  });
});
