import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import { isStrongEnoughPassword } from '@phonghop/contracts';

/** Same rule the server applies, so the admin sees the problem before submitting. */
export const strongPassword: ValidatorFn = (c: AbstractControl): ValidationErrors | null =>
  !c.value || isStrongEnoughPassword(String(c.value)) ? null : { weakPassword: true };

/** Login names are typed on tablets and in logs: lowercase ASCII without diacritics. */
export const USERNAME_PATTERN = /^[a-z0-9._-]{3,64}$/;

export const atLeastOne: ValidatorFn = (c: AbstractControl): ValidationErrors | null =>
  Array.isArray(c.value) && c.value.length > 0 ? null : { atLeastOne: true };

/** Optional text fields are sent as null when left blank, so the server clears them. */
export function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}
