import { DEFAULT_MOTION_RULES, DEFAULT_VOTE_OPTIONS, motionSpecProblems } from '@phonghop/contracts';
import { countdownOf, draftOf, draftProblems, newDraft, nextOptionId, requestOf, specOf } from './motion-draft';

describe('the motion form', () => {
  it('starts as a yes / no / abstain motion with the meeting rules', () => {
    const draft = { ...newDraft({ ...DEFAULT_MOTION_RULES, threshold: 'at_least_two_thirds' }, 'item-1'), title: ' Thông qua nghị quyết ' };
    const spec = specOf(draft);
    expect(spec.title).toBe('Thông qua nghị quyết');
    expect(spec.options).toEqual(DEFAULT_VOTE_OPTIONS);
    expect(spec).toMatchObject({ choice: 'single', maxChoices: 1, secret: false, allowChange: true });
    expect(spec.rules.threshold).toBe('at_least_two_thirds');
    expect(motionSpecProblems(spec)).toEqual([]);
    expect(draftProblems(draft)).toEqual([]);
    expect(requestOf(draft)).toEqual({ itemId: 'item-1', spec, countdownSeconds: null });
  });

  it('builds an election from a custom list, with abstaining when asked', () => {
    const draft = {
      ...newDraft(DEFAULT_MOTION_RULES),
      title: 'Bầu Phó Chủ tịch',
      optionsKind: 'custom' as const,
      customOptions: [
        { id: 'c1', label: 'Trần Thị Bình' },
        { id: 'c2', label: 'Lê Văn Cường' },
        { id: 'c3', label: 'Phạm Thu Dung' },
      ],
      customAbstain: true,
      choice: 'multiple' as const,
      maxChoices: 2,
      secret: true,
      countdown: '120',
    };
    const spec = specOf(draft);
    expect(spec.options.map((o) => o.id)).toEqual(['c1', 'c2', 'c3', 'abstain']);
    expect(spec.options[3].abstain).toBe(true);
    // A secret ballot is never changeable.
    expect(spec).toMatchObject({ choice: 'multiple', maxChoices: 2, secret: true, allowChange: false });
    expect(requestOf(draft).countdownSeconds).toBe(120);
    expect(draftProblems(draft)).toEqual([]);
    // And reads back into the same form.
    expect(draftOf({ itemId: null, spec, countdownSeconds: 120 })).toMatchObject({ optionsKind: 'custom', customAbstain: true, customOptions: draft.customOptions, countdown: '120' });
  });

  it('says what is wrong, in the form’s words', () => {
    const bad = {
      ...newDraft(DEFAULT_MOTION_RULES),
      title: '  ',
      optionsKind: 'custom' as const,
      customOptions: [
        { id: 'c1', label: 'An' },
        { id: 'c2', label: ' an ' },
        { id: 'c3', label: '' },
      ],
      choice: 'multiple' as const,
      maxChoices: 5,
      countdown: '5',
    };
    expect(draftProblems(bad).sort()).toEqual(
      ['vote.form.problem.countdown', 'vote.form.problem.max', 'vote.form.problem.optionLabel', 'vote.form.problem.optionTwice', 'vote.form.problem.title'].sort(),
    );
    expect(draftProblems({ ...bad, title: 'x', customOptions: [{ id: 'c1', label: 'An' }], maxChoices: 1, countdown: '' })).toEqual(['vote.form.problem.optionCount']);
  });

  it('reads countdowns of 10 s to an hour, blank for none', () => {
    expect(['', ' 10 ', '3600', '9', '3601', '1.5', 'abc'].map(countdownOf)).toEqual([null, 10, 3600, undefined, undefined, undefined, undefined]);
  });

  it('gives new options ids no other option has', () => {
    expect(nextOptionId([{ id: 'c1', label: '' }, { id: 'c3', label: '' }])).toBe('c4');
    expect(nextOptionId([])).toBe('c1');
  });

  it('reads a default motion back as yes / no', () => {
    const spec = specOf({ ...newDraft(DEFAULT_MOTION_RULES), title: 'X' });
    expect(draftOf({ itemId: 'i', spec, countdownSeconds: null })).toMatchObject({ optionsKind: 'yes_no', itemId: 'i', countdown: '' });
  });
});
