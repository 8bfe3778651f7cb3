import type { Ack, ApiErrorBody, BallotRight, CastResult, MotionSpec } from '@phonghop/contracts';

/**
 * One ballot on a tablet, as a pure state machine: what the voter marked, the submission in flight, and what the
 * server stored. It lives under motionId + forUserId and is merged with the server's view (`myBallots`) rather than
 * rebuilt from it, so a ballot being filled in survives reconnects and the room's constant deltas.
 *
 * editing ──submit──▶ sending ──ok──▶ confirmed ──change (named, allowChange)──▶ editing
 *    ▲                   │ refused
 *    └──── toggle ◀── failed ──retry──▶ sending
 * An unknown outcome (timeout, dropped socket, server error) is not an answer: the same submission is sent again
 * with the same key until the server answers, so it is never lost and never counted twice.
 */

export type BallotPhase = 'editing' | 'sending' | 'confirmed' | 'failed';

export interface Submission {
  key: string;
  /** What this submission carries; emptied once a secret ballot is confirmed. */
  choices: string[];
  attempts: number;
}

export interface BallotForm {
  motionId: string;
  forUserId: string;
  /** What the voter has marked on the screen, in the motion's option order. Empty after a secret ballot is cast. */
  choices: string[];
  /** The voter touched this ballot since it last matched the server: a server refresh keeps their marks. */
  dirty: boolean;
  phase: BallotPhase;
  submission: Submission | null;
  voted: boolean;
  receipt: string | null;
  /** A named ballot's stored choices (null for secret ballots and before voting). */
  storedChoices: string[] | null;
  error: ApiErrorBody | null;
}

export function ballotKey(motionId: string, forUserId: string): string {
  return `${motionId}:${forUserId}`;
}

/** Timeout, dropped socket (statusCode 0) or a server failure: the ballot may or may not be stored. */
export function isUncertain(error: ApiErrorBody): boolean {
  return error.statusCode === 0 || error.statusCode >= 500;
}

export function formFromRight(motionId: string, right: BallotRight): BallotForm {
  return {
    motionId,
    forUserId: right.forUserId,
    choices: right.voted ? [...(right.choices ?? [])] : [],
    dirty: false,
    phase: right.voted ? 'confirmed' : 'editing',
    submission: null,
    voted: right.voted,
    receipt: right.receipt,
    storedChoices: right.choices,
    error: null,
  };
}

/** The server's view merged in: never undoes the voter's marks or a submission in flight. */
export function syncRight(form: BallotForm, right: BallotRight): BallotForm {
  if (form.phase === 'sending') return form;
  // A ballot is never un-cast: an answer older than our own confirmation must not take the receipt away.
  const voted = form.voted || right.voted;
  const stored = {
    voted,
    receipt: right.voted ? right.receipt : form.receipt,
    storedChoices: right.voted ? right.choices : form.storedChoices,
  };
  // An unknown outcome the server now shows as stored: it was stored.
  const settled = form.phase === 'failed' && !!form.error && isUncertain(form.error) && right.voted;
  if (!settled && (form.phase === 'failed' || (form.phase === 'editing' && form.dirty))) return { ...form, ...stored };
  if (!voted) return { ...form, ...stored, phase: 'editing', choices: [] };
  return { ...form, ...stored, phase: 'confirmed', choices: [...(stored.storedChoices ?? [])], dirty: false, error: null };
}

function inOptionOrder(spec: MotionSpec, ids: readonly string[]): string[] {
  const set = new Set(ids);
  return spec.options.filter((o) => set.has(o.id)).map((o) => o.id);
}

/** Whether a choice can be marked: multiple-choice ballots stop at `maxChoices`. */
export function mayMark(form: BallotForm, spec: MotionSpec, optionId: string): boolean {
  if (form.phase !== 'editing' && form.phase !== 'failed') return false;
  const option = spec.options.find((o) => o.id === optionId);
  if (!option) return false;
  if (spec.choice === 'single' || option.abstain || form.choices.includes(optionId)) return true;
  const marked = form.choices.filter((id) => !spec.options.find((o) => o.id === id)?.abstain);
  return marked.length < spec.maxChoices;
}

/**
 * A tap on an option. Single choice: that option. Multiple: toggles it, up to `maxChoices`; an abstain option
 * stands alone (choosing it clears the others, choosing another clears it), as the tally requires.
 */
export function toggleChoice(form: BallotForm, spec: MotionSpec, optionId: string): BallotForm {
  if (!mayMark(form, spec, optionId)) return form;
  const option = spec.options.find((o) => o.id === optionId);
  let choices: string[];
  if (spec.choice === 'single') choices = [optionId];
  else if (form.choices.includes(optionId)) choices = form.choices.filter((id) => id !== optionId);
  else if (option?.abstain) choices = [optionId];
  else choices = [...form.choices.filter((id) => !spec.options.find((o) => o.id === id)?.abstain), optionId];
  return { ...form, choices: inOptionOrder(spec, choices), dirty: true, phase: 'editing', error: null };
}

/** A named ballot may be changed until the vote closes, when the motion allows it. */
export function mayChange(form: BallotForm, spec: MotionSpec): boolean {
  return form.phase === 'confirmed' && spec.allowChange && !spec.secret;
}

export function startChange(form: BallotForm, spec: MotionSpec): BallotForm {
  if (!mayChange(form, spec)) return form;
  // Marked dirty: a refresh from the server while the voter decides must not close the form again.
  return { ...form, phase: 'editing', choices: [...(form.storedChoices ?? form.choices)], dirty: true, error: null };
}

/** Back to the stored ballot without sending (a change the voter thought better of). */
export function cancelChange(form: BallotForm): BallotForm {
  if (form.phase !== 'editing' || !form.voted) return form;
  return { ...form, phase: 'confirmed', choices: [...(form.storedChoices ?? [])], dirty: false };
}

/** A single-choice ballot needs its one choice; a multiple-choice one may be blank (a blank ballot counts as cast). */
export function maySubmit(form: BallotForm, spec: MotionSpec): boolean {
  if (form.phase !== 'editing' && form.phase !== 'failed') return false;
  return spec.choice === 'single' ? form.choices.length === 1 : form.choices.length <= spec.maxChoices;
}

/**
 * The key for sending what is marked now: after an unknown outcome with the same choices, the same key (the
 * server may have stored it); otherwise a new one.
 */
export function keyForSubmit(form: BallotForm, freshKey: string): string {
  const last = form.submission;
  const sameChoices = !!last && last.choices.length === form.choices.length && last.choices.every((c, i) => c === form.choices[i]);
  return last && sameChoices && form.error && isUncertain(form.error) ? last.key : freshKey;
}

export function startSubmission(form: BallotForm, key: string): BallotForm {
  return { ...form, phase: 'sending', submission: { key, choices: [...form.choices], attempts: 1 }, error: null };
}

export function resending(form: BallotForm, key: string): BallotForm {
  if (form.phase !== 'sending' || form.submission?.key !== key) return form;
  return { ...form, submission: { ...form.submission, attempts: form.submission.attempts + 1 } };
}

/** The server's answer to submission `key`; answers to an older submission change nothing. */
export function answered(form: BallotForm, spec: MotionSpec, key: string, ack: Ack<CastResult>): BallotForm {
  const submission = form.submission;
  if (form.phase !== 'sending' || !submission || submission.key !== key) return form;
  if (!ack.ok) return { ...form, phase: 'failed', error: ack.error };
  // A secret ballot keeps no trace of the choice on the tablet once it is in the box.
  const kept = spec.secret ? [] : submission.choices;
  return {
    ...form,
    phase: 'confirmed',
    choices: [...kept],
    dirty: false,
    submission: { ...submission, choices: [...kept] },
    voted: true,
    receipt: ack.data.receipt,
    storedChoices: spec.secret ? null : [...kept],
    error: null,
  };
}
