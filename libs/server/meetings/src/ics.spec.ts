import { buildIcs, escapeIcsText, foldIcsLine } from './ics';

describe('iCalendar invitation', () => {
  it('escapes commas, semicolons, backslashes and newlines', () => {
    expect(escapeIcsText('Họp; bàn, chốt\\ý kiến\nDòng 2')).toBe('Họp\\; bàn\\, chốt\\\\ý kiến\\nDòng 2');
  });

  it('folds long lines at 75 octets without breaking a Vietnamese character', () => {
    const line = `SUMMARY:${'Phiên họp thường kỳ Ủy ban nhân dân tỉnh '.repeat(4)}`;
    const folded = foldIcsLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(75);
    expect(parts.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(line);
  });

  it('describes the meeting in UTC with a stable UID, and marks a cancellation', () => {
    const ics = buildIcs({
      uid: 'abc',
      title: 'Họp UBND',
      startsAt: new Date('2026-12-01T01:00:00Z'),
      endsAt: null,
      location: 'Phòng họp số 1',
      description: null,
      cancelled: false,
      updatedAt: new Date('2026-11-23T10:00:00Z'),
      sequence: 2,
    });
    expect(ics).toContain('UID:abc@phonghop\r\n');
    expect(ics).toContain('DTSTART:20261201T010000Z\r\n');
    expect(ics).toContain('DTEND:20261201T030000Z\r\n');
    expect(ics).toContain('STATUS:CONFIRMED');
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(buildIcs({ uid: 'abc', title: 'x', startsAt: new Date(), endsAt: null, location: null, description: null, cancelled: true, updatedAt: new Date(), sequence: 3 })).toContain('STATUS:CANCELLED');
  });
});
