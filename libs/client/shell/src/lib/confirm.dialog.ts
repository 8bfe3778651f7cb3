import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { I18N_PIPES, type MessageKey, type MessageParams } from '@phonghop/client-i18n';

export interface ConfirmDialogData {
  title: MessageKey;
  message: MessageKey;
  params?: MessageParams;
  confirm: MessageKey;
  danger?: boolean;
}

/** Closes with `true` when confirmed. */
@Component({
  selector: 'ph-confirm-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatDialogModule, ...I18N_PIPES],
  template: `
    <h2 mat-dialog-title>{{ data.title | t }}</h2>
    <mat-dialog-content><p>{{ data.message | t: data.params }}</p></mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" class="ph-touch-button" [mat-dialog-close]="false">{{ 'common.cancel' | t }}</button>
      <button mat-flat-button type="button" class="ph-touch-button" [class.danger]="data.danger"
              [mat-dialog-close]="true" data-testid="confirm-ok">{{ data.confirm | t }}</button>
    </mat-dialog-actions>
  `,
  styles: `
    .danger {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
})
export class ConfirmDialog {
  protected readonly data = inject<ConfirmDialogData>(MAT_DIALOG_DATA);
}
