import { signal } from '@angular/core';
import type { AbstractControl } from '@angular/forms';
import { toApiError } from '@phonghop/client-data-access';
import type { ApiErrorBody } from '@phonghop/contracts';

/**
 * The submit scaffold the auth forms share. An invalid form is not sent: every field is marked touched,
 * so each shows its own error. Otherwise `submitting` is true while the action runs, and whatever it
 * throws becomes the API's one error shape in `error`, which the page shows in Vietnamese or English with
 * the `apiError` pipe until the next attempt clears it. A 429 (sign-in attempts slowed down) also sets
 * `retryAt`, the time (ms) from which trying again makes sense; the form stays usable meanwhile.
 */
export class FormSubmission {
  private readonly submittingState = signal(false);
  private readonly errorState = signal<ApiErrorBody | null>(null);
  private readonly retryAtState = signal<number | null>(null);
  readonly submitting = this.submittingState.asReadonly();
  readonly error = this.errorState.asReadonly();
  readonly retryAt = this.retryAtState.asReadonly();

  constructor(
    private readonly form: Pick<AbstractControl, 'invalid' | 'markAllAsTouched'>,
    private readonly now: () => number = Date.now,
  ) {}

  async run(action: () => Promise<unknown>): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.submittingState.set(true);
    this.errorState.set(null);
    this.retryAtState.set(null);
    try {
      await action();
    } catch (e) {
      const error = toApiError(e);
      this.errorState.set(error);
      if (error.statusCode === 429 && error.retryAfterSeconds) this.retryAtState.set(this.now() + error.retryAfterSeconds * 1000);
    } finally {
      this.submittingState.set(false);
    }
  }
}

/** Whole seconds left until `retryAt`, or 0 once it has passed. */
export function secondsUntil(retryAt: number, now: number): number {
  return Math.max(0, Math.ceil((retryAt - now) / 1000));
}
