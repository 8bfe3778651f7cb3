import { signal } from '@angular/core';
import type { AbstractControl } from '@angular/forms';
import { toApiError } from '@phonghop/client-data-access';
import type { ApiErrorBody } from '@phonghop/contracts';

/**
 * The submit scaffold the auth forms share. An invalid form is not sent: every field is marked touched,
 * so each shows its own error. Otherwise `submitting` is true while the action runs, and whatever it
 * throws becomes the API's one error shape in `error`, which the page shows in Vietnamese or English with
 * the `apiError` pipe until the next attempt clears it.
 */
export class FormSubmission {
  private readonly submittingState = signal(false);
  private readonly errorState = signal<ApiErrorBody | null>(null);
  readonly submitting = this.submittingState.asReadonly();
  readonly error = this.errorState.asReadonly();

  constructor(private readonly form: Pick<AbstractControl, 'invalid' | 'markAllAsTouched'>) {}

  async run(action: () => Promise<unknown>): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.submittingState.set(true);
    this.errorState.set(null);
    try {
      await action();
    } catch (e) {
      this.errorState.set(toApiError(e));
    } finally {
      this.submittingState.set(false);
    }
  }
}
