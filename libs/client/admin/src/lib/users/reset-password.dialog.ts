import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { UsersApi, toApiError } from '@phonghop/client-data-access';
import { I18N_PIPES } from '@phonghop/client-i18n';
import type { ApiErrorBody, UserDto } from '@phonghop/contracts';
import { firstValueFrom } from 'rxjs';
import { strongPassword } from '../common/validators';

/** Sets a new password for someone who forgot theirs; closes with `true` when done. */
@Component({
  selector: 'ph-reset-password-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatIconModule, MatInputModule, ...I18N_PIPES],
  template: `
    <h2 mat-dialog-title>{{ 'resetPassword.title' | t }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content class="ph-dialog-form">
        <p>{{ 'resetPassword.body' | t: { name: user.fullName } }}</p>
        @if (error(); as err) {
          <div class="ph-error-banner" role="alert"><mat-icon svgIcon="error" /><span>{{ err | apiError }}</span></div>
        }
        <mat-form-field appearance="outline">
          <mat-label>{{ 'resetPassword.new' | t }}</mat-label>
          <input matInput type="text" formControlName="newPassword" autocomplete="new-password" spellcheck="false"
                 data-testid="reset-password-input" />
          <mat-hint>{{ 'password.rule' | t }}</mat-hint>
          @if (form.controls.newPassword.hasError('required')) {
            <mat-error>{{ 'common.required' | t }}</mat-error>
          } @else if (form.controls.newPassword.hasError('weakPassword')) {
            <mat-error>{{ 'password.weak' | t }}</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" class="ph-touch-button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" class="ph-touch-button" [disabled]="saving()" data-testid="reset-password-submit">
          {{ 'resetPassword.title' | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `.ph-error-banner { margin-bottom: 12px; }`,
})
export class ResetPasswordDialog {
  protected readonly user = inject<UserDto>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject(MatDialogRef<ResetPasswordDialog, boolean>);
  private readonly usersApi = inject(UsersApi);

  protected readonly form = inject(NonNullableFormBuilder).group({
    newPassword: ['', [Validators.required, strongPassword]],
  });
  protected readonly saving = signal(false);
  protected readonly error = signal<ApiErrorBody | null>(null);

  async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    this.error.set(null);
    try {
      await firstValueFrom(this.usersApi.resetPassword(this.user.id, this.form.getRawValue()));
      this.dialogRef.close(true);
    } catch (e) {
      this.error.set(toApiError(e));
    } finally {
      this.saving.set(false);
    }
  }
}
