import { Injectable, inject, signal } from '@angular/core';
import { RealtimeClient } from '@phonghop/client-data-access';
import type { ApiErrorBody, BallotRight, MotionSpec } from '@phonghop/contracts';
import { newSubmissionKey } from '../submission-key';
import {
  type BallotForm,
  answered,
  ballotKey,
  cancelChange,
  formFromRight,
  isUncertain,
  keyForSubmit,
  maySubmit,
  resending,
  startChange,
  startSubmission,
  syncRight,
  toggleChoice,
} from './ballot-form';
import { castUntilAnswered } from './cast-sender';

export interface RightsState {
  status: 'loading' | 'ready' | 'error';
  rights: BallotRight[];
  error: ApiErrorBody | null;
}

/**
 * The tab's ballots, one form per motion and member (`BallotForm`), kept for the whole tab: a submission in flight
 * goes on being resent even if the view that started it is gone, and a view that comes back finds its ballot as
 * it left it. The ballots a person may cast come from `myBallots`, asked again when a vote opens and after a
 * reconnect, and merged into the forms without touching what the voter marked.
 */
@Injectable({ providedIn: 'root' })
export class BallotBook {
  private readonly realtime = inject(RealtimeClient);
  private readonly formsSignal = signal<ReadonlyMap<string, BallotForm>>(new Map());
  private readonly rightsSignal = signal<ReadonlyMap<string, RightsState>>(new Map());

  /** By `ballotKey(motionId, forUserId)`. */
  readonly forms = this.formsSignal.asReadonly();
  /** By motion id. */
  readonly rights = this.rightsSignal.asReadonly();

  async load(meetingId: string, motionId: string): Promise<void> {
    const before = this.rightsSignal().get(motionId);
    this.setRights(motionId, { status: 'loading', rights: before?.rights ?? [], error: null });
    const ack = await this.realtime.voteRequest('myBallots', { meetingId, motionId });
    if (!ack.ok) {
      this.setRights(motionId, { status: 'error', rights: before?.rights ?? [], error: ack.error });
      return;
    }
    const rights = ack.data.rights;
    this.setRights(motionId, { status: 'ready', rights, error: null });
    this.formsSignal.update((forms) => {
      const next = new Map(forms);
      for (const right of rights) {
        const key = ballotKey(motionId, right.forUserId);
        const form = next.get(key);
        next.set(key, form ? syncRight(form, right) : formFromRight(motionId, right));
      }
      return next;
    });
  }

  form(motionId: string, forUserId: string): BallotForm | undefined {
    return this.formsSignal().get(ballotKey(motionId, forUserId));
  }

  toggle(motionId: string, forUserId: string, spec: MotionSpec, optionId: string): void {
    this.update(motionId, forUserId, (f) => toggleChoice(f, spec, optionId));
  }

  change(motionId: string, forUserId: string, spec: MotionSpec): void {
    this.update(motionId, forUserId, (f) => startChange(f, spec));
  }

  cancelChange(motionId: string, forUserId: string): void {
    this.update(motionId, forUserId, cancelChange);
  }

  /** Sends what is marked and keeps sending it until the server answers (see castUntilAnswered). */
  async submit(meetingId: string, motionId: string, spec: MotionSpec, forUserId: string): Promise<void> {
    const form = this.form(motionId, forUserId);
    if (!form || !maySubmit(form, spec)) return;
    const key = keyForSubmit(form, newSubmissionKey());
    const choices = [...form.choices];
    this.update(motionId, forUserId, (f) => startSubmission(f, key));
    const ack = await castUntilAnswered({
      send: () => this.realtime.voteRequest('cast', { meetingId, motionId, forUserId, choices, submissionKey: key }),
      onResend: () => this.update(motionId, forUserId, (f) => resending(f, key)),
      keepTrying: () => this.form(motionId, forUserId)?.submission?.key === key,
    });
    this.update(motionId, forUserId, (f) => answered(f, spec, key, ack));
    // Refused: show what the server holds for this ballot (cast from another tablet, changed since, …).
    if (!ack.ok && !isUncertain(ack.error)) void this.load(meetingId, motionId);
  }

  /** This tablet's receipts in a motion (for "Kiểm tra mã biên nhận"). */
  receipts(motionId: string): string[] {
    return [...this.formsSignal().values()].filter((f) => f.motionId === motionId && f.receipt).map((f) => f.receipt as string);
  }

  private update(motionId: string, forUserId: string, change: (form: BallotForm) => BallotForm): void {
    const key = ballotKey(motionId, forUserId);
    this.formsSignal.update((forms) => {
      const form = forms.get(key);
      if (!form) return forms;
      const next = change(form);
      return next === form ? forms : new Map(forms).set(key, next);
    });
  }

  private setRights(motionId: string, state: RightsState): void {
    this.rightsSignal.update((all) => new Map(all).set(motionId, state));
  }
}
