import fc from 'fast-check';
import {
  type Ballot,
  decideMotion,
  DEFAULT_MOTION_RULES,
  DEFAULT_VOTE_OPTIONS,
  INVALID_REASONS,
  type InvalidReason,
  type MajorityBaseWeights,
  type MotionResult,
  type MotionRules,
  type MotionSpec,
  motionSpecProblems,
  type Tally,
  tallyBallots,
  yesNoMotion,
} from './voting';

const ballot = (forUserId: string, choices: string[], weight = '1', voterId = forUserId): Ballot => ({ voterId, forUserId, choices, weight });
/** `yes`, `no`, `abstain` ballots for members m1, m2, … in turn. */
const votes = (...choices: string[]) => choices.map((c, i) => ballot(`m${i + 1}`, [c]));
const motion = (rules: Partial<MotionRules> = {}) => yesNoMotion('Thông qua kế hoạch', { ...DEFAULT_MOTION_RULES, ...rules });
const decide = (spec: MotionSpec, ballots: Ballot[], base: MajorityBaseWeights = { members: '7', present: '5' }) => decideMotion(spec, tallyBallots(spec, ballots), base);
const passed = (r: MotionResult) => (r.kind === 'yes_no' ? r.passed : undefined);

describe('motions', () => {
  it('default to tán thành / không tán thành / không biểu quyết and the domain’s rules', () => {
    expect(DEFAULT_VOTE_OPTIONS.map((o) => [o.id, o.label, o.labelEn])).toEqual([
      ['yes', 'Tán thành', 'Yes'],
      ['no', 'Không tán thành', 'No'],
      ['abstain', 'Không biểu quyết', 'Abstain'],
    ]);
    expect(DEFAULT_MOTION_RULES).toEqual({ majorityBase: 'members', threshold: 'more_than_half', quorumRequired: true });
    expect(motionSpecProblems(motion())).toEqual([]);
  });

  it('lists what is wrong with a motion', () => {
    const options = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `o${i}`, label: `Ứng viên ${i}` }));
    const problems = (change: Partial<MotionSpec>) => motionSpecProblems({ ...motion(), ...change });
    expect(problems({ title: '  ' })).toEqual([expect.stringMatching(/^title/)]);
    expect(problems({ title: 'x'.repeat(501) })).toEqual([expect.stringMatching(/^title/)]);
    expect(problems({ title: 'x'.repeat(500) })).toEqual([]);
    expect(problems({ options: options(1) })).toEqual([expect.stringMatching(/^options: 2–50/)]);
    expect(problems({ options: options(51) })).toEqual([expect.stringMatching(/^options: 2–50/)]);
    expect(problems({ options: [...options(2), { id: 'o1', label: 'again' }] })).toEqual(['options: ids must be unique']);
    expect(problems({ options: [...options(2), { id: '', label: 'x' }] })).toEqual([expect.stringMatching(/id and a label/)]);
    expect(problems({ maxChoices: 2 })).toEqual(['maxChoices: a single-choice motion has exactly 1']);
    expect(problems({ choice: 'multiple', maxChoices: 3 })).toEqual([]);
    expect(problems({ choice: 'multiple', maxChoices: 4 })).toEqual([expect.stringMatching(/^maxChoices: a whole number/)]);
    expect(problems({ choice: 'multiple', maxChoices: 0 })).toHaveLength(1);
    expect(problems({ choice: 'multiple', maxChoices: 1.5 })).toHaveLength(1);
    expect(() => tallyBallots({ ...motion(), maxChoices: 2 }, [])).toThrow(RangeError);
  });
});

describe('the domain’s cases', () => {
  it('7 members, 5 present: 4 yes passes on all members (4 × 2 > 7), 3 yes does not', () => {
    const r = decide(motion(), votes('yes', 'yes', 'yes', 'yes', 'no'));
    expect(r).toMatchObject({ kind: 'yes_no', passed: true, base: '7', required: '4', cast: { ballots: 5, weight: '5' } });
    expect(r.counts).toEqual([
      { optionId: 'yes', ballots: 4, weight: '4' },
      { optionId: 'no', ballots: 1, weight: '1' },
      { optionId: 'abstain', ballots: 0, weight: '0' },
    ]);
    // Three of the five present is a majority of those present, not of the members.
    expect(passed(decide(motion(), votes('yes', 'yes', 'yes', 'no', 'no')))).toBe(false);
    expect(passed(decide(motion({ majorityBase: 'present' }), votes('yes', 'yes', 'yes', 'no', 'no')))).toBe(true);
  });

  it('two thirds of 7 members needs 5', () => {
    const twoThirds = motion({ threshold: 'at_least_two_thirds' });
    expect(decide(twoThirds, votes('yes', 'yes', 'yes', 'yes', 'no'))).toMatchObject({ passed: false, required: '5' });
    expect(decide(twoThirds, votes('yes', 'yes', 'yes', 'yes', 'yes'))).toMatchObject({ passed: true, required: '5' });
  });

  it('counts "không biểu quyết" as cast but not yes', () => {
    const byCast = motion({ majorityBase: 'cast' });
    const r = decide(byCast, votes('yes', 'yes', 'no', 'abstain'));
    expect(r).toMatchObject({ passed: false, base: '4', required: '3', abstained: { ballots: 1, weight: '1' } });
    expect(passed(decide(byCast, votes('yes', 'yes', 'no')))).toBe(true);
  });

  it('weighs exactly: 1 + 0.5 + 0.5 of 3.5 passes, and required is in steps of the weights in play', () => {
    const ballots = [ballot('m1', ['yes']), ballot('m2', ['yes'], '0.5'), ballot('m3', ['yes'], '0.5'), ballot('m4', ['no'], '1.5')];
    const r = decide(motion(), ballots, { members: '3.5', present: '3.5' });
    expect(r).toMatchObject({ passed: true, base: '3.5', required: '1.8', counts: [{ weight: '2' }, { weight: '1.5' }, { weight: '0' }] });
    expect(passed(decide(motion(), ballots.slice(1), { members: '3.5', present: '3.5' }))).toBe(false);
  });

  it('decides 0.1 + 0.2 of 0.6 and 0.1 + 0.5 of 0.9 exactly, where floating point gets both wrong', () => {
    expect((0.1 + 0.2) * 2 > 0.6).toBe(true);
    expect((0.1 + 0.5) * 3 >= 0.9 * 2).toBe(false);
    const half = decide(motion(), [ballot('m1', ['yes'], '0.1'), ballot('m2', ['yes'], '0.2')], { members: '0.6', present: '0.6' });
    expect(half).toMatchObject({ passed: false, counts: [{ weight: '0.3' }, {}, {}] });
    const twoThirds = decide(motion({ threshold: 'at_least_two_thirds' }), [ballot('m1', ['yes'], '0.1'), ballot('m2', ['yes'], '0.5')], { members: '0.9', present: '0.9' });
    expect(twoThirds).toMatchObject({ passed: true, required: '0.6' });
  });

  it('takes a proxy’s ballots for the members they represent as separate ballots, but one per member', () => {
    const ballots = [ballot('m1', ['yes']), ballot('m2', ['yes'], '1', 'proxy'), ballot('m3', ['yes'], '1', 'proxy'), ballot('m4', ['yes'], '1', 'proxy')];
    expect(decide(motion(), ballots)).toMatchObject({ passed: true, cast: { ballots: 4 } });
    const twice = [...ballots, ballot('m4', ['no'])];
    expect(decide(motion(), twice)).toMatchObject({ passed: false, cast: { ballots: 3 }, invalid: { ballots: 2, reasons: { duplicate_member: 2 } } });
  });

  it('sets invalid ballots apart, one reason each', () => {
    const ballots = [
      ballot('m1', ['yes'], '0'),
      ballot('m2', ['yes'], '0.1234567'),
      ballot('m3', []),
      ballot('m4', ['maybe']),
      ballot('m5', ['yes', 'yes']),
      ballot('m6', ['yes', 'no']),
      ballot('m7', ['yes']),
    ];
    const t = tallyBallots(motion(), ballots);
    expect(t.invalid).toEqual({
      ballots: 6,
      reasons: { duplicate_member: 0, bad_weight: 2, empty: 1, unknown_option: 1, duplicate_choice: 1, too_many_choices: 1, abstain_with_other: 0 },
    });
    expect(t.cast).toEqual({ ballots: 1, weight: '1' });
    const election: MotionSpec = { ...motion(), options: [...DEFAULT_VOTE_OPTIONS, { id: 'c', label: 'C' }], choice: 'multiple', maxChoices: 2 };
    expect(tallyBallots(election, [ballot('m1', ['abstain', 'c'])]).invalid.reasons.abstain_with_other).toBe(1);
  });

  it('passes nothing when the base is zero', () => {
    expect(decide(motion(), [], { members: '0', present: '0' })).toMatchObject({ passed: false, base: '0' });
    expect(decide(motion({ majorityBase: 'cast', threshold: 'at_least_two_thirds' }), [ballot('m1', ['yes'], '0')])).toMatchObject({ passed: false, base: '0' });
    expect(() => decide(motion(), [], { members: '7.0000001', present: '5' })).toThrow(RangeError);
  });
});

describe('elections', () => {
  const candidates = ['An', 'Bình', 'Chi', 'Dũng'].map((name) => ({ id: name.toLowerCase(), label: `Nguyễn Văn ${name}` }));
  const election = (maxChoices: number): MotionSpec => ({ ...motion({ majorityBase: 'cast' }), title: 'Bầu Ban Chỉ đạo', options: candidates, choice: 'multiple', maxChoices, secret: true });
  const elect = (maxChoices: number, ...choices: string[][]) => decide(election(maxChoices), choices.map((c, i) => ballot(`m${i + 1}`, c)));

  it('elects up to maxChoices of those with more than half, in rank order; a blank ballot is a valid abstention', () => {
    const ballots = [['an', 'chi'], ['chi', 'an'], ['chi'], ['an', 'chi'], ['an', 'chi'], ['bình', 'dũng'], []];
    const r = elect(2, ...ballots);
    expect(r).toMatchObject({ kind: 'election', elected: ['chi', 'an'], tied: [], base: '7', required: '4', abstained: { ballots: 1 } });
    expect(r.counts.map((c) => c.ballots)).toEqual([4, 1, 5, 1]);
    // Three seats, but Bình and Dũng have 1 of 7.
    expect(elect(3, ...ballots)).toMatchObject({ elected: ['chi', 'an'], tied: [] });
  });

  it('leaves the last seat unfilled when candidates tie for it', () => {
    const r = elect(2, ['an', 'bình'], ['an', 'chi'], ['an', 'bình'], ['an', 'chi'], ['bình', 'chi']);
    expect(r).toMatchObject({ elected: ['an'], tied: ['bình', 'chi'] });
    expect(elect(1, ['an'], ['bình'], ['an'], ['bình'], [])).toMatchObject({ elected: [], tied: [] });
    expect(elect(1, ['an'], ['an'], ['an'], ['bình'], ['bình'])).toMatchObject({ elected: ['an'], tied: [] });
  });

  it('decides a single choice between alternatives like an election for one seat', () => {
    const spec: MotionSpec = { ...motion(), options: [{ id: 'p1', label: 'Phương án 1' }, { id: 'p2', label: 'Phương án 2' }, DEFAULT_VOTE_OPTIONS[2]] };
    expect(decide(spec, votes('p1', 'p1', 'p1', 'p1', 'p2'))).toMatchObject({ kind: 'election', elected: ['p1'] });
    expect(decide(spec, votes('p1', 'p1', 'p1', 'abstain', 'abstain', 'abstain', 'abstain'))).toMatchObject({ elected: [] });
  });
});

// ---- the oracle: the rules restated as directly as possible, sharing no code with voting.ts or decimal.ts ----

function oracleUnits(weight: string): bigint | null {
  if (!/^[0-9]+(\.[0-9]+)?$/.test(weight)) return null;
  const [whole, fraction = ''] = weight.split('.');
  if (whole.length > 15 || fraction.length > 6) return null;
  return BigInt(whole) * 1_000_000n + BigInt((fraction + '000000').slice(0, 6));
}

function oracleText(units: bigint): string {
  const digits = units.toString().padStart(7, '0');
  const whole = digits.slice(0, -6).replace(/^0+(?=.)/, '');
  let fraction = digits.slice(-6);
  while (fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  return fraction === '' ? whole : `${whole}.${fraction}`;
}

const sum = (values: bigint[]) => values.reduce((a, b) => a + b, 0n);
const isAbstain = (spec: MotionSpec, id: string) => spec.options.some((o) => o.id === id && o.abstain === true);

function oracleReason(spec: MotionSpec, b: Ballot, all: readonly Ballot[]): InvalidReason | null {
  if (all.filter((other) => other.forUserId === b.forUserId).length > 1) return 'duplicate_member';
  const units = oracleUnits(b.weight);
  if (units === null || units === 0n) return 'bad_weight';
  if (b.choices.length === 0 && spec.choice === 'single') return 'empty';
  if (b.choices.some((c) => !spec.options.some((o) => o.id === c))) return 'unknown_option';
  if (b.choices.some((c, i) => b.choices.indexOf(c) !== i)) return 'duplicate_choice';
  if (b.choices.length > spec.maxChoices) return 'too_many_choices';
  if (b.choices.length > 1 && b.choices.some((c) => isAbstain(spec, c))) return 'abstain_with_other';
  return null;
}

function oracleTally(spec: MotionSpec, ballots: readonly Ballot[]): Tally {
  const valid = ballots.filter((b) => oracleReason(spec, b, ballots) === null);
  const amount = (bs: Ballot[]) => ({ ballots: bs.length, weight: oracleText(sum(bs.map((b) => oracleUnits(b.weight) as bigint))) });
  const reasons = {} as Record<InvalidReason, number>;
  for (const r of INVALID_REASONS) reasons[r] = ballots.filter((b) => oracleReason(spec, b, ballots) === r).length;
  return {
    counts: spec.options.map((o) => ({ optionId: o.id, ...amount(valid.filter((b) => b.choices.includes(o.id))) })),
    cast: amount(valid),
    abstained: amount(valid.filter((b) => b.choices.every((c) => isAbstain(spec, c)))),
    invalid: { ballots: ballots.length - valid.length, reasons },
  };
}

function oracleDecide(spec: MotionSpec, ballots: readonly Ballot[], base: MajorityBaseWeights): MotionResult {
  const tally = oracleTally(spec, ballots);
  const b = oracleUnits(spec.rules.majorityBase === 'cast' ? tally.cast.weight : base[spec.rules.majorityBase]) as bigint;
  const weightOf = (id: string) => oracleUnits(tally.counts.find((c) => c.optionId === id)?.weight ?? '0') as bigint;
  // "More than half": more than the rest. "At least two thirds": at least twice the rest.
  const enough = (w: bigint) => (spec.rules.threshold === 'more_than_half' ? w > b - w : w >= 2n * (b - w));
  // The least multiple of the finest step among the options' weights that is enough, by bisection.
  const places = Math.max(...tally.counts.map((c) => c.weight.split('.')[1]?.length ?? 0));
  const step = 10n ** BigInt(6 - places);
  let [lo, hi] = [0n, b / step + 1n];
  while (lo < hi) {
    const mid = (lo + hi) / 2n;
    if (enough(mid * step)) hi = mid;
    else lo = mid + 1n;
  }
  const common = { ...tally, base: oracleText(b), required: oracleText(lo * step) };
  if (spec.choice === 'single' && spec.options.some((o) => o.id === 'yes')) return { ...common, kind: 'yes_no', passed: b > 0n && enough(weightOf('yes')) };
  // Elected: enough, and with those ahead and those level it still fits the seats; tied: the level ones overflow.
  const qualified = spec.options.filter((o) => !o.abstain && b > 0n && enough(weightOf(o.id))).map((o) => o.id);
  const ahead = (id: string) => qualified.filter((q) => weightOf(q) > weightOf(id)).length;
  const level = (id: string) => qualified.filter((q) => weightOf(q) === weightOf(id)).length;
  const seats = spec.maxChoices;
  const elected = qualified.filter((id) => ahead(id) + level(id) <= seats);
  elected.sort((x, y) => ahead(x) - ahead(y));
  return { ...common, kind: 'election', elected, tied: qualified.filter((id) => ahead(id) < seats && ahead(id) + level(id) > seats) };
}

// ---- random motions and ballots ----------------------------------------------------------------------------

// Fixed seeds and sizes that run in about a second on two busy cores; fast-check prints the shrunk counterexample.
const params = { seed: 1207, numRuns: 300 };

const rulesArb = fc.record({
  majorityBase: fc.constantFrom('members' as const, 'present' as const, 'cast' as const),
  threshold: fc.constantFrom('more_than_half' as const, 'at_least_two_thirds' as const),
  quorumRequired: fc.boolean(),
});

const specArb: fc.Arbitrary<MotionSpec> = fc.oneof(
  rulesArb.map((rules) => motion(rules)),
  fc
    .record({ ids: fc.uniqueArray(fc.constantFrom('yes', 'no', 'abstain', 'a', 'b', 'c', 'd'), { minLength: 2, maxLength: 7 }), multiple: fc.boolean(), seats: fc.integer({ min: 1, max: 7 }), rules: rulesArb })
    .map(({ ids, multiple, seats, rules }) => ({
      ...motion(rules),
      options: ids.map((id) => ({ id, label: id.toUpperCase(), ...(id === 'abstain' ? { abstain: true } : {}) })),
      choice: multiple ? ('multiple' as const) : ('single' as const),
      maxChoices: multiple ? Math.min(seats, ids.length) : 1,
    })),
);

/** Up to 6 places, trailing zeros included ("1.50"), zero possible. */
const decimalArb = (maxWhole: number) =>
  fc.tuple(fc.integer({ min: 0, max: maxWhole }), fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 6 })).map(([whole, f, places]) => (places === 0 ? `${whole}` : `${whole}.${String(f % 10 ** places).padStart(places, '0')}`));

const weightArb = fc.oneof(
  { weight: 5, arbitrary: fc.constant('1') },
  { weight: 4, arbitrary: decimalArb(3) },
  { weight: 1, arbitrary: fc.constantFrom('0', '-1', '1.0000001', 'một', '', '1e2', '0.1 ') },
);

const ballotArb = (spec: MotionSpec, weight: fc.Arbitrary<string>) => {
  const ids = spec.options.map((o) => o.id);
  // The first option is a favourite, so that motions pass and candidates are elected often enough.
  const choices = fc.oneof(
    { weight: 3, arbitrary: fc.constant<string[]>([ids[0]]) },
    { weight: 6, arbitrary: fc.shuffledSubarray(ids, { minLength: 1, maxLength: spec.maxChoices }) },
    { weight: 1, arbitrary: fc.array(fc.constantFrom(...ids, 'ghost'), { maxLength: spec.maxChoices + 1 }) },
  );
  // Members m0…m299: 25 ballots share a member now and then.
  return fc.record({ member: fc.integer({ min: 0, max: 299 }), byProxy: fc.boolean(), choices, weight }).map(({ member, byProxy, choices, weight }) => ballot(`m${member}`, choices, weight, byProxy ? `proxy${member % 7}` : `m${member}`));
};

const baseArb = fc.record({ members: fc.oneof(decimalArb(8), decimalArb(30)), present: fc.oneof(decimalArb(8), decimalArb(30)) });
const anyCase = specArb.chain((spec) => fc.record({ spec: fc.constant(spec), ballots: fc.array(ballotArb(spec, weightArb), { maxLength: 25 }), base: baseArb }));
// Whole votes on three candidates and a small base: candidates often tie, also for the last seat.
const electionCase = fc
  .record({ seats: fc.integer({ min: 1, max: 2 }), rules: rulesArb.map((r) => ({ ...r, majorityBase: r.majorityBase === 'cast' ? ('members' as const) : r.majorityBase })) })
  .map(({ seats, rules }): MotionSpec => ({ ...motion(rules), options: ['a', 'b', 'c'].map((id) => ({ id, label: id })), choice: 'multiple', maxChoices: seats }))
  .chain((spec) => {
    const choices = fc.array(fc.shuffledSubarray(['a', 'b', 'c'], { maxLength: spec.maxChoices }), { minLength: 3, maxLength: 8 });
    const ballots = choices.map((cs) => cs.map((c, i) => ballot(`m${i}`, c)));
    return fc.record({ spec: fc.constant(spec), ballots, base: fc.record({ members: fc.constantFrom('2', '3', '4'), present: fc.constantFrom('1', '2') }) });
  });
const caseArb = fc.oneof({ weight: 2, arbitrary: anyCase }, { weight: 1, arbitrary: electionCase });

describe('properties, against the oracle', () => {
  it('tallies as the oracle does', () => {
    fc.assert(
      fc.property(caseArb, ({ spec, ballots }) => {
        expect(tallyBallots(spec, ballots)).toEqual(oracleTally(spec, ballots));
      }),
      params,
    );
  });

  it('decides as the oracle does', () => {
    fc.assert(
      fc.property(caseArb, ({ spec, ballots, base }) => {
        expect(decideMotion(spec, tallyBallots(spec, ballots), base)).toEqual(oracleDecide(spec, ballots, base));
      }),
      params,
    );
  });

  it('does not depend on the order of the ballots', () => {
    const shuffled = caseArb.chain((c) => fc.record({ c: fc.constant(c), order: fc.shuffledSubarray(c.ballots, { minLength: c.ballots.length, maxLength: c.ballots.length }) }));
    fc.assert(
      fc.property(shuffled, ({ c: { spec, ballots, base }, order }) => {
        expect(tallyBallots(spec, order)).toEqual(tallyBallots(spec, ballots));
        expect(decideMotion(spec, tallyBallots(spec, order), base)).toEqual(decideMotion(spec, tallyBallots(spec, ballots), base));
      }),
      params,
    );
  });

  it('never turns passed into failed by one more yes', () => {
    const yesNo = caseArb.filter((c) => c.spec.choice === 'single' && c.spec.options.some((o) => o.id === 'yes'));
    fc.assert(
      fc.property(yesNo, decimalArb(3).filter((w) => oracleUnits(w) !== 0n), ({ spec, ballots, base }, weight) => {
        const before = decideMotion(spec, tallyBallots(spec, ballots), base);
        const after = decideMotion(spec, tallyBallots(spec, [...ballots, ballot('newcomer', ['yes'], weight)]), base);
        if (passed(before)) expect(passed(after)).toBe(true);
      }),
      params,
    );
  });

  it('passes exactly from `required` on, which is the least that passes', () => {
    fc.assert(
      fc.property(caseArb, ({ spec, ballots, base }) => {
        const r = decideMotion(spec, tallyBallots(spec, ballots), base);
        const units = (text: string) => oracleUnits(text) as bigint;
        const [b, required] = [units(r.base), units(r.required)];
        const meets = (w: bigint) => (spec.rules.threshold === 'more_than_half' ? w * 2n > b : w * 3n >= b * 2n);
        // Steps of the finest option weight: 1 when every weight is whole.
        const step = 10n ** BigInt(6 - Math.max(...r.counts.map((c) => c.weight.split('.')[1]?.length ?? 0)));
        fc.pre(b > 0n);
        expect(required % step).toBe(0n);
        expect(meets(required)).toBe(true);
        expect(meets(required - step)).toBe(false);
        const weightOf = (id: string) => units(r.counts.find((c) => c.optionId === id)?.weight ?? '');
        if (r.kind === 'yes_no') expect(r.passed).toBe(weightOf('yes') >= required);
        else for (const id of [...r.elected, ...r.tied]) expect(weightOf(id)).toBeGreaterThanOrEqual(required);
      }),
      { ...params, numRuns: 200 },
    );
  });

  it('fails at yes × 2 = base and passes at yes × 3 = base × 2, with weights of up to 6 places', () => {
    const yesWeights = fc.array(decimalArb(5).filter((w) => oracleUnits(w) !== 0n), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(yesWeights, fc.integer({ min: 0, max: 3 }), (weights, noes) => {
        let ballots = [...weights.map((w, i) => ballot(`y${i}`, ['yes'], w)), ...Array.from({ length: noes }, (_, i) => ballot(`n${i}`, ['no']))];
        let yes = sum(weights.map((w) => oracleUnits(w) as bigint));
        const at = (threshold: MotionRules['threshold'], b: bigint) => passed(decideMotion(motion({ threshold }), tallyBallots(motion(), ballots), { members: oracleText(b), present: '0' }));
        expect(at('more_than_half', 2n * yes)).toBe(false);
        expect(at('more_than_half', 2n * yes - 1n)).toBe(true);
        if (yes % 2n === 1n) {
          ballots = [...ballots, ballot('even', ['yes'], '0.000001')];
          yes += 1n;
        }
        expect(at('at_least_two_thirds', (3n * yes) / 2n)).toBe(true);
        expect(at('at_least_two_thirds', (3n * yes) / 2n + 1n)).toBe(false);
      }),
      params,
    );
  });
});
