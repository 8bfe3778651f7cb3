import type { MessageKey } from '@phonghop/client-i18n';
import type { BallotRoute, MajorityBase, MotionSpec, Threshold, VoteOption } from '@phonghop/contracts';
import { YES_OPTION_ID } from '@phonghop/contracts';

/** How options, rules and routes read on screen; pure lookups shared by every voting view. */

export type LabelLang = 'vi' | 'en';

/** An option's label in the current language (candidates' names have none in English: the name is the name). */
export function optionLabel(option: VoteOption | undefined, lang: LabelLang): string {
  if (!option) return '';
  return lang === 'en' && option.labelEn ? option.labelEn : option.label;
}

export function labelsOf(spec: MotionSpec, ids: readonly string[], lang: LabelLang): string[] {
  return ids.map((id) => optionLabel(spec.options.find((o) => o.id === id), lang) || id);
}

/** Pictures for the usual options (a thumb is read faster than a word at the back of a hall); others get none. */
export function optionIcon(option: VoteOption): string | null {
  if (option.id === YES_OPTION_ID) return 'thumb-up';
  if (option.id === 'no') return 'thumb-down';
  if (option.abstain) return 'remove-circle';
  return null;
}

/** A tone per option, so the same choice has the same colour on the ballot and in the chart. */
export function optionTone(option: VoteOption): 'yes' | 'no' | 'abstain' | 'other' {
  if (option.id === YES_OPTION_ID) return 'yes';
  if (option.id === 'no') return 'no';
  return option.abstain ? 'abstain' : 'other';
}

export const MAJORITY_BASES: readonly MajorityBase[] = ['members', 'present', 'cast'];
export const THRESHOLDS: readonly Threshold[] = ['more_than_half', 'at_least_two_thirds'];

export function baseKey(base: MajorityBase): MessageKey {
  return `vote.base.${base}`;
}

export function thresholdKey(threshold: Threshold): MessageKey {
  return `vote.threshold.${threshold}`;
}

export function routeKey(route: BallotRoute): MessageKey {
  return `vote.route.${route}`;
}
