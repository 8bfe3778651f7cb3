import { type Ballot, type MotionSpec, decideMotion, tallyBallots, yesNoMotion } from '@phonghop/contracts';
import { chartLayout, CHART, drawn, namedRows, receiptCounted, resultPicture, shortHash } from './result-view';

const ballots = (choices: string[][], weight = '1'): Ballot[] => choices.map((c, i) => ({ voterId: `v${i}`, forUserId: `u${i}`, choices: c, weight }));

describe('resultPicture', () => {
  const motion = yesNoMotion('Thông qua dự toán');

  it('draws yes / no / abstain against all members, with the required mark', () => {
    const tally = tallyBallots(motion, ballots([['yes'], ['yes'], ['yes'], ['yes'], ['no'], ['abstain']]));
    const decided = decideMotion(motion, tally, { members: '8', present: '6' });
    const p = resultPicture(motion, decided, 'vi');
    expect(p.kind).toBe('yes_no');
    expect(p.passed).toBe(false); // 4 of 8 is not more than half
    expect(p.required).toBe('5');
    expect(p.base).toBe('8');
    expect(p.rows.map((r) => [r.label, r.ballots, r.pct, r.tone])).toEqual([
      ['Tán thành', 4, 50, 'yes'],
      ['Không tán thành', 1, 12.5, 'no'],
      ['Không biểu quyết', 1, 12.5, 'abstain'],
    ]);
    expect(p.requiredPct).toBe(62.5);
    expect(p.weighted).toBe(false);
    expect(resultPicture(motion, decided, 'en').rows[0].label).toBe('Yes');
  });

  it('marks the winner and shows weights when members weigh other than 1', () => {
    const tally = tallyBallots(motion, [...ballots([['yes'], ['yes']], '1.5'), { voterId: 'x', forUserId: 'x', choices: ['no'], weight: '1' }]);
    const p = resultPicture(motion, decideMotion(motion, tally, { members: '4', present: '4' }), 'vi');
    expect(p.passed).toBe(true);
    expect(p.rows[0]).toMatchObject({ winner: true, weight: '3', ballots: 2, pct: 75 });
    expect(p.weighted).toBe(true);
  });

  it('lists the elected and the tied of an election', () => {
    const spec: MotionSpec = { ...motion, options: [{ id: 'a', label: 'An' }, { id: 'b', label: 'Bình' }, { id: 'c', label: 'Cường' }], choice: 'multiple', maxChoices: 1 };
    const tally = tallyBallots(spec, ballots([['a'], ['a'], ['b'], ['c']]));
    const p = resultPicture(spec, decideMotion(spec, tally, { members: '4', present: '4' }), 'vi');
    expect(p.kind).toBe('election');
    expect(p.elected).toEqual([]); // 2 of 4 is not more than half
    const won = resultPicture(spec, decideMotion({ ...spec, rules: { ...spec.rules, majorityBase: 'cast' } }, tallyBallots(spec, ballots([['a'], ['a'], ['a'], ['c']])), { members: '4', present: '4' }), 'vi');
    expect(won.elected).toEqual(['An']);
    expect(won.rows.find((r) => r.optionId === 'a')?.winner).toBe(true);
  });

  it('has no required mark on a zero base', () => {
    const decided = decideMotion(motion, tallyBallots(motion, []), { members: '0', present: '0' });
    const p = resultPicture(motion, decided, 'vi');
    expect(p.requiredPct).toBeNull();
    expect(p.rows.every((r) => r.pct === 0)).toBe(true);
  });
});

describe('chartLayout', () => {
  it('stacks a label and a bar per option and puts the figures after a short bar, inside a long one', () => {
    const layout = chartLayout({ rows: [{ pct: 100 }, { pct: 10 }] as never, requiredPct: 50 });
    const barArea = CHART.width - CHART.valueRoom;
    expect(layout.barArea).toBe(barArea);
    expect(layout.rows[0]).toMatchObject({ barWidth: barArea, valueInside: true, valueX: barArea - 8 });
    expect(layout.rows[1]).toMatchObject({ barWidth: 49, valueInside: false, valueX: 57 });
    expect(layout.rows[1].barY - layout.rows[0].barY).toBe(CHART.labelHeight + CHART.barHeight + CHART.rowGap);
    expect(layout.requiredX).toBe(245);
    expect(layout.height).toBeGreaterThan(layout.rows[1].barY + CHART.barHeight);
  });
});

describe('named list, receipts, hash', () => {
  it('lists named ballots by name with who cast them', () => {
    const spec = yesNoMotion('X');
    const rows = namedRows(
      {
        spec,
        named: [
          { forUserId: 'b', fullName: 'Trần Bình', castByName: 'Lê Văn Cường', route: 'proxy', choices: ['no'], weight: '1' },
          { forUserId: 'a', fullName: 'Đặng An', castByName: null, route: 'self', choices: ['yes'], weight: '2' },
          { forUserId: 'c', fullName: 'Hà Chi', castByName: 'Điểm cầu Xã A', route: 'site', choices: [], weight: '1' },
        ],
      },
      'vi',
    );
    expect(rows.map((r) => [r.fullName, r.choices, r.route, r.weight])).toEqual([
      ['Đặng An', 'Tán thành', 'self', '2'],
      ['Hà Chi', '—', 'site', null],
      ['Trần Bình', 'Không tán thành', 'proxy', null],
    ]);
    expect(namedRows({ spec, named: null }, 'vi')).toEqual([]);
  });

  it('says whether a receipt was counted', () => {
    expect(receiptCounted(['AB12', 'CD34'], '  CD34 ')).toBe(true);
    expect(receiptCounted(['AB12'], 'ab12')).toBe(false);
    expect(receiptCounted(['AB12'], '   ')).toBeNull();
  });

  it('shortens a hash and reads decimals for drawing', () => {
    expect(shortHash('0123456789abcdef0123456789abcdef')).toBe('01234567…89abcdef');
    expect(shortHash('abc')).toBe('abc');
    expect(drawn('2.5')).toBe(2.5);
    expect(drawn('bad')).toBe(0);
  });
});
