import { type Ballot, type MotionSpec, type NamedVoteLine, type VoteResultDto, DEFAULT_MOTION_RULES, decideMotion, tallyBallots, yesNoMotion } from '@phonghop/contracts';

/**
 * Closed votes for specs, decided by the contracts' own tally so that the figures are what a real close seals:
 * a named yes/no vote with a proxy and a site, and a secret election for two seats that ends in a tie.
 */
const hash = (c: string) => c.repeat(64);

function sealed(spec: MotionSpec, ballots: Ballot[], named: NamedVoteLine[] | null, eligible: VoteResultDto['record']['eligible'], members: string, extra: Partial<VoteResultDto['record']> = {}): VoteResultDto {
  const decided = decideMotion(spec, tallyBallots(spec, ballots), { members, present: eligible.weight });
  // Crockford-style codes as the store makes them, in sorted order.
  const receipts = ballots.map((_, i) => `${String(i + 1).padStart(4, '0')}-7K3M-Q${String(i * 37).padStart(5, '0').slice(-5)}`).sort();
  return {
    record: { motionId: 'motion-1', meetingId: 'm1', itemId: null, spec, openedAt: '2026-01-05T02:05:00.000Z', closedAt: '2026-01-05T02:07:30.000Z', eligible, members: { count: Math.round(Number(members)), weight: members }, decided, named, receipts, ...extra },
    prevHash: hash('0'),
    resultHash: hash('a').replace(/^a{8}/, '3f9c0b1e'),
  };
}

/** Named: 4 of 5 present say yes, one at a site says no; 6 members. */
export function sampleNamedVote(itemId: string | null = 'i1'): VoteResultDto {
  const line = (forUserId: string, fullName: string, choice: string, route: NamedVoteLine['route'] = 'self', castByName: string | null = null): NamedVoteLine => ({
    forUserId,
    fullName,
    castByName,
    route,
    choices: [choice],
    weight: '1',
  });
  const named = [
    line('chair', 'Trần Văn Minh', 'yes'),
    line('d1', 'Lê Hoàng Nam', 'yes'),
    line('d2', 'Đại Biểu Cường', 'yes', 'proxy', 'Phạm Thị Lan'),
    line('d3', 'Võ Thị An', 'no', 'site', 'Điểm cầu UBND huyện Phú Lộc'),
    line('d4', 'Đỗ Quang Huy', 'yes'),
  ];
  const ballots = named.map((n) => ({ voterId: n.forUserId, forUserId: n.forUserId, choices: n.choices, weight: n.weight }));
  return sealed(yesNoMotion('Thông qua Tờ trình dự toán ngân sách năm 2027'), ballots, named, { count: 5, weight: '5', hall: 4, sites: 1 }, '6', { itemId });
}

/** Secret, two seats, measured against the valid ballots (31): A 20, B 16, C 16 → A elected, B and C tied. */
export function sampleSecretElection(): VoteResultDto {
  const spec: MotionSpec = {
    title: 'Bầu Ủy viên Ban Kinh tế - Ngân sách',
    options: [
      { id: 'a', label: 'Nguyễn Văn An' },
      { id: 'b', label: 'Trần Thị Bình' },
      { id: 'c', label: 'Lê Văn Cường' },
      { id: 'abstain', label: 'Không biểu quyết', abstain: true },
    ],
    choice: 'multiple',
    maxChoices: 2,
    secret: true,
    allowChange: false,
    rules: { ...DEFAULT_MOTION_RULES, majorityBase: 'cast' },
  };
  const groups: [number, string[]][] = [
    [10, ['a', 'b']],
    [6, ['a', 'c']],
    [4, ['a']],
    [6, ['b', 'c']],
    [4, ['c']],
    [1, ['abstain']],
    [1, ['a', 'b', 'c']], // too many choices: invalid
  ];
  const ballots = groups.flatMap(([n, choices], g) => Array.from({ length: n }, (_, i) => ({ voterId: `s${g}-${i}`, forUserId: `s${g}-${i}`, choices, weight: '1' })));
  return sealed(spec, ballots, null, { count: 32, weight: '32', hall: 28, sites: 4 }, '35');
}
