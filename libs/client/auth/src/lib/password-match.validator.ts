import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import { isStrongEnoughPassword } from '@phonghop/contracts';

/** Same rule as the server (`isStrongEnoughPassword`), so the form never sends what will be refused. */
export const strongPasswordValidator: ValidatorFn = (control: AbstractControl): ValidationErrors | null =>
  !control.value || isStrongEnoughPassword(String(control.value)) ? null : { weakPassword: true };

/** Group validator: `repeat` must equal `newPassword`. */
export const passwordsMatchValidator: ValidatorFn = (group: AbstractControl): ValidationErrors | null => {
  const a = group.get('newPassword')?.value;
  const b = group.get('repeat')?.value;
  return a && b && a !== b ? { mismatch: true } : null;
};
