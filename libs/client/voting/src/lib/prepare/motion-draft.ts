import type { MessageKey } from '@phonghop/client-i18n';
import {
  COUNTDOWN_MAX_SECONDS,
  COUNTDOWN_MIN_SECONDS,
  DEFAULT_VOTE_OPTIONS,
  type CreateMotionRequest,
  type MotionDto,
  type MotionRules,
  type MotionSpec,
  type VoteOption,
  motionSpecProblems,
} from '@phonghop/contracts';

/**
 * The secretary's motion form as plain data, pure: a draft the form edits, the MotionSpec and request it becomes,
 * and what is wrong with it in the form's words. Checked with the contract's `motionSpecProblems` (the server's own
 * rule) before anything is sent.
 */

export type OptionsKind = 'yes_no' | 'custom';

export interface DraftOption {
  id: string;
  label: string;
}

export interface MotionDraft {
  itemId: string | null;
  title: string;
  /** Tán thành / Không tán thành / Không biểu quyết, or a list of its own (candidates, alternatives). */
  optionsKind: OptionsKind;
  customOptions: DraftOption[];
  /** A custom list also offers "Không biểu quyết". */
  customAbstain: boolean;
  choice: 'single' | 'multiple';
  maxChoices: number;
  secret: boolean;
  allowChange: boolean;
  /** Seconds as typed; blank: the chair closes the vote. */
  countdown: string;
  rules: MotionRules;
}

export const ABSTAIN_OPTION: VoteOption = DEFAULT_VOTE_OPTIONS.find((o) => o.abstain) ?? { id: 'abstain', label: 'Không biểu quyết', labelEn: 'Abstain', abstain: true };

const DEFAULT_IDS = DEFAULT_VOTE_OPTIONS.map((o) => o.id).join();

/** A new option id that no option of the draft has. */
export function nextOptionId(options: readonly DraftOption[]): string {
  const taken = new Set([...options.map((o) => o.id), ...DEFAULT_VOTE_OPTIONS.map((o) => o.id)]);
  let n = options.length + 1;
  while (taken.has(`c${n}`)) n++;
  return `c${n}`;
}

export function newDraft(rules: MotionRules, itemId: string | null = null): MotionDraft {
  return {
    itemId,
    title: '',
    optionsKind: 'yes_no',
    customOptions: [
      { id: 'c1', label: '' },
      { id: 'c2', label: '' },
    ],
    customAbstain: false,
    choice: 'single',
    maxChoices: 1,
    secret: false,
    allowChange: true,
    countdown: '',
    rules: { ...rules },
  };
}

export function draftOf(motion: Pick<MotionDto, 'itemId' | 'spec' | 'countdownSeconds'>): MotionDraft {
  const { spec } = motion;
  const yesNo = spec.options.map((o) => o.id).join() === DEFAULT_IDS;
  const custom = spec.options.filter((o) => !o.abstain).map((o) => ({ id: o.id, label: o.label }));
  return {
    itemId: motion.itemId,
    title: spec.title,
    optionsKind: yesNo ? 'yes_no' : 'custom',
    customOptions: yesNo ? newDraft(spec.rules).customOptions : custom,
    customAbstain: !yesNo && spec.options.some((o) => o.abstain),
    choice: spec.choice,
    maxChoices: spec.maxChoices,
    secret: spec.secret,
    allowChange: spec.allowChange,
    countdown: motion.countdownSeconds === null ? '' : String(motion.countdownSeconds),
    rules: { ...spec.rules },
  };
}

export function specOf(draft: MotionDraft): MotionSpec {
  const yesNo = draft.optionsKind === 'yes_no';
  const options: VoteOption[] = yesNo
    ? DEFAULT_VOTE_OPTIONS.map((o) => ({ ...o }))
    : [...draft.customOptions.map((o) => ({ id: o.id, label: o.label.trim() })), ...(draft.customAbstain ? [{ ...ABSTAIN_OPTION }] : [])];
  // Yes / no is one choice by nature; a secret ballot cannot be changed (nothing ties it to its voter afterwards).
  const choice = yesNo ? 'single' : draft.choice;
  return {
    title: draft.title.trim(),
    options,
    choice,
    maxChoices: choice === 'single' ? 1 : draft.maxChoices,
    secret: draft.secret,
    allowChange: draft.secret ? false : draft.allowChange,
    rules: { ...draft.rules },
  };
}

/** Seconds, null for none, or undefined when the text is not a whole number in range. */
export function countdownOf(text: string): number | null | undefined {
  const t = text.trim();
  if (!t) return null;
  if (!/^\d{1,5}$/.test(t)) return undefined;
  const n = Number(t);
  return n >= COUNTDOWN_MIN_SECONDS && n <= COUNTDOWN_MAX_SECONDS ? n : undefined;
}

/** The contract's problem texts, by the field they start with, in the form's words. */
function problemKeyOf(problem: string): MessageKey {
  if (problem.startsWith('title')) return 'vote.form.problem.title';
  if (problem.startsWith('maxChoices')) return 'vote.form.problem.max';
  if (problem.includes('label')) return 'vote.form.problem.optionLabel';
  if (problem.includes('unique')) return 'vote.form.problem.optionUnique';
  return 'vote.form.problem.optionCount';
}

/** Everything wrong with the draft, each once; empty when it can be saved. */
export function draftProblems(draft: MotionDraft): MessageKey[] {
  const keys = motionSpecProblems(specOf(draft)).map(problemKeyOf);
  if (draft.optionsKind === 'custom') {
    const labels = draft.customOptions.map((o) => o.label.trim().toLocaleLowerCase('vi')).filter(Boolean);
    if (new Set(labels).size !== labels.length) keys.push('vote.form.problem.optionTwice');
  }
  if (countdownOf(draft.countdown) === undefined) keys.push('vote.form.problem.countdown');
  return [...new Set(keys)];
}

export function requestOf(draft: MotionDraft): CreateMotionRequest {
  return { itemId: draft.itemId, spec: specOf(draft), countdownSeconds: countdownOf(draft.countdown) ?? null };
}
