import type { AttendanceEntry, RosterEntry } from '@phonghop/contracts';
import { ballotRoutes, carrierIndex, eligibilityAt, indexedRoutes, progressOf } from './eligibility';

const person = (userId: string, meetingRole: RosterEntry['meetingRole'] = 'delegate', representsUserId: string | null = null): RosterEntry => ({
  participantId: `p-${userId}`,
  userId,
  fullName: userId.toUpperCase(),
  unitName: null,
  meetingRole,
  rsvp: 'attending',
  delegateUserId: null,
  representsUserId,
});
const here = (userId: string, siteId: string | null = null): AttendanceEntry => ({ userId, status: 'present', method: siteId ? 'site' : 'qr', siteId, siteName: siteId, at: '2026-12-06T08:00:00Z' });

describe('who may vote', () => {
  const roster = [person('chair', 'chair'), person('a'), person('b'), person('c'), person('proxy-c', 'delegate', 'c'), person('sec', 'secretary'), person('op', 'site')];

  it('counts members present in person or through their proxy, once; secretaries, operators and proxies are no members', () => {
    const att = { chair: here('chair'), a: here('a'), b: here('b', 'site-1'), c: here('c'), 'proxy-c': here('proxy-c'), sec: here('sec'), op: here('op', 'site-1') };
    const e = eligibilityAt(roster, att, {});
    expect(e.voters.map((v) => [v.userId, v.castBy, v.route, v.siteId])).toEqual([
      ['a', 'a', 'self', null],
      ['b', 'b', 'self', 'site-1'],
      ['c', 'c', 'self', null], // present in person: the proxy does not carry the ballot
      ['chair', 'chair', 'self', null],
    ]);
    expect(e.members).toEqual({ count: 4, weight: '4' });
    const withoutC = eligibilityAt(roster, { ...att, c: { ...att.c, status: 'absent' } }, { c: '2.5' });
    expect(withoutC.voters.find((v) => v.userId === 'c')).toMatchObject({ castBy: 'proxy-c', route: 'proxy', weight: '2.5' });
    expect(withoutC.members.weight).toBe('5.5');
  });

  it('lets a site operator carry the ballots of members at their site on a named vote only', () => {
    const e = eligibilityAt(roster, { a: here('a'), b: here('b', 'site-1'), chair: here('chair', 'site-2') }, {});
    expect(ballotRoutes(e, { userId: 'op', siteId: 'site-1' }, false).map((r) => [r.voter.userId, r.route])).toEqual([['b', 'site']]);
    expect(ballotRoutes(e, { userId: 'op', siteId: 'site-1' }, true)).toEqual([]);
    expect(ballotRoutes(e, { userId: 'b', siteId: null }, true).map((r) => r.route)).toEqual(['self']);
    expect(progressOf(e, new Set(['b']))).toEqual({ eligible: 3, voted: 1, hall: { eligible: 1, voted: 0 }, sites: { eligible: 2, voted: 1 } });
  });

  it('refuses a weight that is not a positive decimal', () => {
    expect(() => eligibilityAt(roster, {}, { a: '0' })).toThrow(RangeError);
    expect(() => eligibilityAt(roster, {}, { a: '1,5' })).toThrow(RangeError);
  });

  it('finds the same ballots through the carrier index as by scanning everyone', () => {
    const e = eligibilityAt(roster, { a: here('a'), b: here('b', 'site-1'), chair: here('chair', 'site-1'), 'proxy-c': here('proxy-c', 'site-1') }, {});
    const index = carrierIndex(e);
    for (const carrier of [{ userId: 'op', siteId: 'site-1' }, { userId: 'proxy-c', siteId: null }, { userId: 'a', siteId: null }, { userId: 'x', siteId: 'site-2' }]) {
      for (const secret of [false, true]) {
        const key = (r: { voter: { userId: string }; route: string }[]) => r.map((x) => `${x.voter.userId}:${x.route}`).sort();
        expect(key(indexedRoutes(index, carrier, secret))).toEqual(key(ballotRoutes(e, carrier, secret)));
      }
    }
  });
});
