import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { I18N_PIPES, type MessageKey } from '@phonghop/client-i18n';

export interface ReasonDialogData {
  title: MessageKey;
  message: MessageKey;
  label: MessageKey;
  confirm: MessageKey;
  danger?: boolean;
}

/** Asks for a short reason (declining an invitation, cancelling a meeting); closes with the trimmed text. */
@Component({
  selector: 'ph-reason-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, ...I18N_PIPES],
  template: `
    <h2 mat-dialog-title>{{ data.title | t }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content class="ph-dialog-form">
        <p class="message">{{ data.message | t }}</p>
        <mat-form-field appearance="outline">
          <mat-label>{{ data.label | t }}</mat-label>
          <textarea matInput formControlName="reason" rows="3" maxlength="500" cdkFocusInitial data-testid="reason-input"></textarea>
          @if (reason.hasError('required') || reason.hasError('blank')) { <mat-error>{{ 'common.required' | t }}</mat-error> }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" class="ph-touch-button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" class="ph-touch-button" [class.danger]="data.danger" data-testid="reason-submit">
          {{ data.confirm | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .message { margin: 0 0 12px; color: var(--mat-sys-on-surface-variant); }
    .danger {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
})
export class ReasonDialog {
  protected readonly data = inject<ReasonDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject(MatDialogRef<ReasonDialog, string>);
  protected readonly reason = new FormControl('', { nonNullable: true, validators: [Validators.required] });
  protected readonly form = new FormGroup({ reason: this.reason });

  protected submit(): void {
    const text = this.reason.value.trim();
    if (!text) {
      this.reason.setErrors({ blank: true });
      this.reason.markAsTouched();
      return;
    }
    this.dialogRef.close(text);
  }
}
