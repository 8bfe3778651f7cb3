import {
  type ApiErrorDetail,
  COUNTDOWN_MAX_SECONDS,
  COUNTDOWN_MIN_SECONDS,
  MOTION_MAX_OPTIONS,
  type MotionRules,
  type MotionSpec,
  type UpdateMotionRequest,
  type VoteSettingsDto,
  isUuid,
  motionSpecProblems,
  parseDecimal,
} from '@phonghop/contracts';

const BASES = ['members', 'present', 'cast'];
const THRESHOLDS = ['more_than_half', 'at_least_two_thirds'];
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function rulesProblems(rules: unknown, field = 'rules'): ApiErrorDetail[] {
  const r = rules as Partial<MotionRules> | null;
  if (!isObject(r) || !BASES.includes(r.majorityBase as string) || !THRESHOLDS.includes(r.threshold as string) || typeof r.quorumRequired !== 'boolean') {
    return [{ field, problem: `majorityBase ${BASES.join('|')}, threshold ${THRESHOLDS.join('|')}, quorumRequired true|false` }];
  }
  return [];
}

/** A motion as sent by a client: the shape first (it is JSON from outside), then the contract's own rules. */
export function specProblems(spec: unknown): ApiErrorDetail[] {
  const s = spec as Partial<MotionSpec> | null;
  if (!isObject(s)) return [{ field: 'spec', problem: 'an object' }];
  const shape: ApiErrorDetail[] = [];
  if (typeof s.title !== 'string') shape.push({ field: 'spec.title', problem: 'text' });
  if (
    !Array.isArray(s.options) ||
    s.options.length > MOTION_MAX_OPTIONS ||
    !s.options.every(
      (o) =>
        isObject(o) &&
        typeof o['id'] === 'string' &&
        /^[A-Za-z0-9_-]{1,64}$/.test(o['id']) &&
        typeof o['label'] === 'string' &&
        o['label'].length <= 200 &&
        (o['labelEn'] === undefined || (typeof o['labelEn'] === 'string' && o['labelEn'].length <= 200)) &&
        (o['abstain'] === undefined || typeof o['abstain'] === 'boolean'),
    )
  ) {
    shape.push({ field: 'spec.options', problem: `up to ${MOTION_MAX_OPTIONS} options {id: 1–64 letters, digits, - or _; label ≤ 200}` });
  }
  if (s.choice !== 'single' && s.choice !== 'multiple') shape.push({ field: 'spec.choice', problem: 'single | multiple' });
  if (typeof s.maxChoices !== 'number') shape.push({ field: 'spec.maxChoices', problem: 'a number' });
  if (typeof s.secret !== 'boolean') shape.push({ field: 'spec.secret', problem: 'true | false' });
  if (typeof s.allowChange !== 'boolean') shape.push({ field: 'spec.allowChange', problem: 'true | false' });
  shape.push(...rulesProblems(s.rules, 'spec.rules'));
  if (shape.length) return shape;
  const full = s as MotionSpec;
  const problems = motionSpecProblems(full).map((problem) => ({ field: 'spec', problem }));
  if (full.secret && full.allowChange) problems.push({ field: 'spec.allowChange', problem: 'a secret ballot cannot be changed' });
  return problems;
}

export function motionProblems(req: UpdateMotionRequest, creating: boolean): ApiErrorDetail[] {
  if (!isObject(req)) return [{ field: 'body', problem: 'an object' }];
  const problems: ApiErrorDetail[] = [];
  if (creating || req.spec !== undefined) problems.push(...specProblems(req.spec));
  if (req.itemId !== undefined && req.itemId !== null && !isUuid(req.itemId)) problems.push({ field: 'itemId', problem: 'an agenda item id or null' });
  const c = req.countdownSeconds;
  if (c !== undefined && c !== null && !(Number.isInteger(c) && c >= COUNTDOWN_MIN_SECONDS && c <= COUNTDOWN_MAX_SECONDS)) {
    problems.push({ field: 'countdownSeconds', problem: `${COUNTDOWN_MIN_SECONDS}–${COUNTDOWN_MAX_SECONDS} seconds or null` });
  }
  return problems;
}

/** A ballot's choices against its motion: refused at the door rather than counted as invalid. */
export function choiceProblems(spec: MotionSpec, choices: readonly string[]): ApiErrorDetail[] {
  const problem = (text: string) => [{ field: 'choices', problem: text }];
  if (new Set(choices).size !== choices.length) return problem('each option once');
  if (choices.some((c) => !spec.options.some((o) => o.id === c))) return problem('options of this motion only');
  if (spec.choice === 'single' && choices.length !== 1) return problem('exactly one option');
  if (choices.length > spec.maxChoices) return problem(`at most ${spec.maxChoices} options`);
  if (choices.length > 1 && choices.some((c) => spec.options.find((o) => o.id === c)?.abstain)) return problem('abstaining excludes any other choice');
  return [];
}

export function settingsProblems(settings: VoteSettingsDto, members: ReadonlySet<string>): ApiErrorDetail[] {
  const problems = rulesProblems(settings.rules);
  if (!isObject(settings.weights)) return [...problems, { field: 'weights', problem: '{ userId: decimal }' }];
  for (const [userId, weight] of Object.entries(settings.weights)) {
    if (!members.has(userId)) problems.push({ field: `weights.${userId}`, problem: 'not a participant of this meeting' });
    const units = typeof weight === 'string' ? parseDecimal(weight) : null;
    if (units === null || units <= 0n) problems.push({ field: `weights.${userId}`, problem: 'a decimal above 0 with at most 6 places' });
  }
  return problems;
}
