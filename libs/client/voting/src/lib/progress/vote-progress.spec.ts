import { progressPicture, voteClock } from './vote-progress';

describe('progressPicture', () => {
  it('splits the voted into hall and sites on one bar of the eligible', () => {
    const p = progressPicture({ eligible: 40, voted: 30, hall: { eligible: 25, voted: 20 }, sites: { eligible: 15, voted: 10 } });
    expect(p).toMatchObject({ voted: 30, eligible: 40, pct: 75, hallPct: 50, sitesPct: 25, remaining: 10, hasSites: true });
  });

  it('copes with nobody eligible and never shows more than everyone', () => {
    expect(progressPicture({ eligible: 0, voted: 0, hall: { eligible: 0, voted: 0 }, sites: { eligible: 0, voted: 0 } })).toMatchObject({ pct: 0, hallPct: 0, hasSites: false });
    expect(progressPicture({ eligible: 3, voted: 5, hall: { eligible: 3, voted: 5 }, sites: { eligible: 0, voted: 0 } })).toMatchObject({ pct: 100, hallPct: 100, remaining: 0 });
    // 2 of 3 is 66 % (rounded down: 100 % only when everyone voted).
    expect(progressPicture({ eligible: 3, voted: 2, hall: { eligible: 3, voted: 2 }, sites: { eligible: 0, voted: 0 } }).pct).toBe(66);
  });
});

describe('voteClock', () => {
  const opened = '2026-05-12T01:00:00.000Z';
  const closes = '2026-05-12T01:01:30.000Z';
  const at = (iso: string) => Date.parse(iso);

  it('counts down in whole seconds of server time', () => {
    expect(voteClock(opened, closes, at(opened))).toEqual({ remaining: 90, text: '01:30', tone: 'normal', fraction: 1 });
    expect(voteClock(opened, closes, at('2026-05-12T01:01:15.400Z'))).toMatchObject({ remaining: 15, text: '00:15', tone: 'warning' });
    expect(voteClock(opened, closes, at('2026-05-12T01:02:00.000Z'))).toMatchObject({ remaining: 0, text: '00:00', tone: 'ending', fraction: 0 });
  });

  it('has no clock when the chair closes by hand', () => {
    expect(voteClock(opened, null, 0)).toBeNull();
  });
});
