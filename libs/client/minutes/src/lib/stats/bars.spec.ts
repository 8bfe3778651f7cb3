import type { MeetingStatisticsDto } from '@phonghop/contracts';
import { attendanceRows, barPct, documentRows, durationRows, durationTone, formatDuration, itemNumbers, niceMax, share, speakerRows } from './bars';

describe('scales', () => {
  it('rounds the top of a scale up to 1, 2, 2.5 or 5 × 10ⁿ', () => {
    expect(niceMax([])).toBe(1);
    expect(niceMax([0, 0.4])).toBe(1);
    expect(niceMax([3])).toBe(5);
    expect(niceMax([7, 2])).toBe(10);
    expect(niceMax([11])).toBe(20);
    expect(niceMax([240])).toBe(250);
    expect(niceMax([1800, 95])).toBe(2000);
    expect(niceMax([10_800])).toBe(20_000);
    expect(niceMax([Number.NaN, 4])).toBe(5);
  });

  it('gives a bar its share of the width, keeps a small value visible, never over 100 %', () => {
    expect(barPct(0, 10)).toBe(0);
    expect(barPct(5, 10)).toBe(50);
    expect(barPct(1, 1000)).toBe(1.5);
    expect(barPct(30, 10)).toBe(100);
    expect(barPct(3, 0)).toBe(0);
    expect(barPct(1, 3)).toBe(33.3);
  });

  it('writes seconds as a clock', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(45)).toBe('0:45');
    expect(formatDuration(725)).toBe('12:05');
    expect(formatDuration(3723)).toBe('1:02:03');
    expect(formatDuration(-5)).toBe('0:00');
  });

  it('shares as whole percentages', () => {
    expect(share(3, 4)).toBe(75);
    expect(share(0, 0)).toBe(0);
  });
});

describe('attendance', () => {
  it('stacks present and absent on one scale: the largest group fills the chart', () => {
    const rows = attendanceRows([
      { siteId: null, name: null, present: 2, absent: 1, total: 3 },
      { siteId: 's', name: 'Điểm cầu UBND huyện Phú Lộc', present: 1, absent: 0, total: 1 },
    ]);
    expect(rows[0]).toEqual({ name: null, present: 2, absent: 1, total: 3, presentPct: 66.7, absentPct: 33.3 });
    expect(rows[1]).toMatchObject({ presentPct: 33.3, absentPct: 0 });
    expect(attendanceRows([{ siteId: null, name: null, present: 0, absent: 0, total: 0 }])[0]).toMatchObject({ presentPct: 0, absentPct: 0 });
  });
});

describe('durations', () => {
  it('colours time over the plan amber up to 20 % over, red beyond', () => {
    expect(durationTone(100, null)).toBe('none');
    expect(durationTone(600, 600)).toBe('ok');
    expect(durationTone(720, 600)).toBe('warn');
    expect(durationTone(721, 600)).toBe('bad');
  });

  it('numbers items 1, 1.1, 2 in reading order', () => {
    const numbers = itemNumbers([
      { itemId: 'a', parentId: null },
      { itemId: 'a1', parentId: 'a' },
      { itemId: 'a2', parentId: 'a' },
      { itemId: 'b', parentId: null },
    ]);
    expect([...numbers.entries()]).toEqual([
      ['a', '1'],
      ['a1', '1.1'],
      ['a2', '1.2'],
      ['b', '2'],
    ]);
  });

  it('puts plan and actual on one scale for the items and another for the session', () => {
    const stats: Pick<MeetingStatisticsDto, 'session' | 'items'> = {
      session: { startedAt: 'x', endedAt: 'y', seconds: 2700, plannedMinutes: 180 },
      items: [
        { itemId: 'a', parentId: null, title: 'Báo cáo', plannedMinutes: 20, seconds: 1500, overrunSeconds: 300, speeches: 3 },
        { itemId: 'b', parentId: null, title: 'Dự toán', plannedMinutes: 30, seconds: 900, overrunSeconds: 0, speeches: 1 },
        { itemId: 'c', parentId: null, title: 'Khác', plannedMinutes: null, seconds: 0, overrunSeconds: 0, speeches: 0 },
      ],
    };
    const { session, items } = durationRows(stats);
    // Session: 45 min of 180 planned, scale 20 000 s.
    expect(session).toMatchObject({ id: 'session', number: null, plannedSeconds: 10_800, actualSeconds: 2700, plannedPct: 54, actualPct: 13.5, tone: 'ok', overSeconds: 0 });
    // Items: the longest is 30 min planned → scale 2 000 s.
    expect(items[0]).toMatchObject({ number: '1', plannedPct: 60, actualPct: 75, tone: 'bad', overSeconds: 300, speeches: 3 });
    expect(items[1]).toMatchObject({ number: '2', plannedPct: 90, actualPct: 45, tone: 'ok' });
    expect(items[2]).toMatchObject({ number: '3', plannedSeconds: null, plannedPct: 0, actualPct: 0, tone: 'none' });
  });
});

describe('speakers and documents', () => {
  it('splits a speaker’s bar into time within and over the time given', () => {
    const rows = speakerRows([
      { userId: 'u1', name: 'Lê Hoàng Nam', unitName: 'Sở Khoa học và Công nghệ', siteName: null, speeches: 2, totalSeconds: 400, overruns: 1, overrunSeconds: 100 },
      { userId: 's1', name: 'Điểm cầu Phú Lộc', unitName: null, siteName: 'Điểm cầu Phú Lộc', speeches: 1, totalSeconds: 50, overruns: 0, overrunSeconds: 0 },
      { userId: 'u2', name: 'Trần Thị Mai', unitName: 'Sở Tài chính', siteName: 'Điểm cầu Hương Trà', speeches: 1, totalSeconds: 10, overruns: 0, overrunSeconds: 0 },
    ]);
    expect(rows[0]).toMatchObject({ detail: 'Sở Khoa học và Công nghệ', withinPct: 60, overPct: 20 });
    expect(rows[1]).toMatchObject({ detail: null, withinPct: 10, overPct: 0 });
    expect(rows[2]).toMatchObject({ detail: 'Điểm cầu Hương Trà', withinPct: 2, overPct: 0 });
  });

  it('draws received and opened within the recipients’ track', () => {
    const rows = documentRows([
      { documentId: 'd1', title: 'Báo cáo', version: 1, recipients: 4, received: 3, opened: 1 },
      { documentId: 'd2', title: 'Tờ trình', version: 2, recipients: 2, received: 0, opened: 0 },
    ]);
    expect(rows[0]).toMatchObject({ recipientsPct: 100, receivedPct: 75, openedPct: 25 });
    expect(rows[1]).toMatchObject({ recipientsPct: 50, receivedPct: 0, openedPct: 0 });
  });
});
