import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { I18N_PIPES } from '@phonghop/client-i18n';
import type { AgendaItemDto, UpdateAgendaItemRequest } from '@phonghop/contracts';

export type AgendaItemDialogData =
  | { mode: 'create'; parentTitle: string | null }
  | { mode: 'edit'; item: AgendaItemDto };

export type AgendaItemValues = Required<UpdateAgendaItemRequest>;

/** Title, presenter, planned minutes and description of one agenda item; closes with the values. */
@Component({
  selector: 'ph-agenda-item-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, ...I18N_PIPES],
  template: `
    <h2 mat-dialog-title>
      {{ (data.mode === 'edit' ? 'agenda.editTitle' : parentTitle ? 'agenda.addSubTitle' : 'agenda.addTitle') | t }}
    </h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content class="ph-dialog-form">
        @if (parentTitle) { <p class="parent">{{ 'agenda.under' | t: { title: parentTitle } }}</p> }
        <mat-form-field appearance="outline">
          <mat-label>{{ 'agenda.field.title' | t }}</mat-label>
          <input matInput formControlName="title" maxlength="500" cdkFocusInitial data-testid="agenda-title-input" />
          @if (form.controls.title.invalid) { <mat-error>{{ 'common.required' | t }}</mat-error> }
        </mat-form-field>
        <div class="row">
          <mat-form-field appearance="outline">
            <mat-label>{{ 'agenda.field.presenter' | t }}</mat-label>
            <input matInput formControlName="presenter" maxlength="200" data-testid="agenda-presenter-input" />
          </mat-form-field>
          <mat-form-field appearance="outline" class="minutes">
            <mat-label>{{ 'agenda.field.minutes' | t }}</mat-label>
            <input matInput type="number" inputmode="numeric" min="1" max="1440" formControlName="plannedMinutes"
                   data-testid="agenda-minutes-input" />
            @if (form.controls.plannedMinutes.invalid) { <mat-error>{{ 'agenda.minutesInvalid' | t }}</mat-error> }
          </mat-form-field>
        </div>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'agenda.field.description' | t }}</mat-label>
          <textarea matInput formControlName="description" rows="3" data-testid="agenda-description-input"></textarea>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" class="ph-touch-button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" class="ph-touch-button" data-testid="agenda-save">{{ 'common.save' | t }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .parent { margin: 0 0 12px; color: var(--mat-sys-on-surface-variant); }
    .row { display: grid; grid-template-columns: 1fr 180px; gap: 12px; }
    @media (max-width: 599.98px) { .row { grid-template-columns: 1fr; } }
  `,
})
export class AgendaItemDialog {
  protected readonly data = inject<AgendaItemDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject(MatDialogRef<AgendaItemDialog, AgendaItemValues>);
  private readonly existing = this.data.mode === 'edit' ? this.data.item : null;
  protected readonly parentTitle = this.data.mode === 'create' ? this.data.parentTitle : null;

  protected readonly form = inject(NonNullableFormBuilder).group({
    title: [this.existing?.title ?? '', [Validators.required, Validators.pattern(/\S/)]],
    presenter: [this.existing?.presenter ?? ''],
    plannedMinutes: [this.existing?.plannedMinutes?.toString() ?? '', [Validators.pattern(/^\s*(\d{1,4})?\s*$/), Validators.min(1), Validators.max(1440)]],
    description: [this.existing?.description ?? ''],
  });

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    const minutes = String(v.plannedMinutes).trim();
    this.dialogRef.close({
      title: v.title.trim(),
      presenter: v.presenter.trim() || null,
      plannedMinutes: minutes ? Number(minutes) : null,
      description: v.description.trim() || null,
    });
  }
}
