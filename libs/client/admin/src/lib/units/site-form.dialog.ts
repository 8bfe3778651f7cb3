import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { OrgApi, toApiError } from '@phonghop/client-data-access';
import { I18N_PIPES } from '@phonghop/client-i18n';
import type { ApiErrorBody, ConferenceSiteDto, OrgUnitTreeNode } from '@phonghop/contracts';
import { firstValueFrom } from 'rxjs';
import { blankToNull } from '../common/validators';

export interface SiteFormDialogData {
  unit: OrgUnitTreeNode;
  /** Absent when adding a site. */
  site?: ConferenceSiteDto;
}

/** Add or edit a conference site (điểm cầu) of a unit; closes with the saved site. */
@Component({
  selector: 'ph-site-form-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatCheckboxModule, MatDialogModule, MatFormFieldModule, MatIconModule, MatInputModule, ...I18N_PIPES],
  template: `
    <h2 mat-dialog-title>{{ (site ? 'siteForm.editTitle' : 'siteForm.createTitle') | t }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content class="ph-dialog-form">
        <p class="unit">{{ 'siteForm.unit' | t: { name: data.unit.name } }}</p>
        @if (error(); as err) {
          <div class="ph-error-banner" role="alert"><mat-icon svgIcon="error" /><span>{{ err | apiError }}</span></div>
        }
        <mat-form-field appearance="outline">
          <mat-label>{{ 'siteForm.name' | t }}</mat-label>
          <input matInput formControlName="name" autocomplete="off" data-testid="site-form-name" />
          @if (form.controls.name.hasError('required')) { <mat-error>{{ 'common.required' | t }}</mat-error> }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'siteForm.location' | t }}</mat-label>
          <input matInput formControlName="location" autocomplete="off" data-testid="site-form-location" />
        </mat-form-field>
        <mat-checkbox formControlName="isHost" data-testid="site-form-host">{{ 'siteForm.isHost' | t }}</mat-checkbox>
        @if (site) {
          <mat-checkbox formControlName="disabled" data-testid="site-form-disabled">{{ 'siteForm.disabled' | t }}</mat-checkbox>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" class="ph-touch-button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" class="ph-touch-button" [disabled]="saving()" data-testid="site-form-submit">
          {{ (site ? 'common.save' : 'common.create') | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .unit { margin: 0 0 12px; color: var(--mat-sys-on-surface-variant); }
    .ph-error-banner { margin-bottom: 12px; }
    mat-checkbox { min-height: 48px; display: flex; align-items: center; width: fit-content; }
  `,
})
export class SiteFormDialog {
  protected readonly data = inject<SiteFormDialogData>(MAT_DIALOG_DATA);
  protected readonly site = this.data.site ?? null;
  private readonly dialogRef = inject(MatDialogRef<SiteFormDialog, ConferenceSiteDto>);
  private readonly orgApi = inject(OrgApi);

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: [this.site?.name ?? '', [Validators.required, Validators.maxLength(200)]],
    location: [this.site?.location ?? ''],
    isHost: [this.site?.isHost ?? false],
    disabled: [this.site?.disabled ?? false],
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
    const v = this.form.getRawValue();
    try {
      const saved = this.site
        ? await firstValueFrom(
            this.orgApi.updateSite(this.site.id, { name: v.name.trim(), location: blankToNull(v.location), isHost: v.isHost, disabled: v.disabled }),
          )
        : await firstValueFrom(
            this.orgApi.createSite({ unitId: this.data.unit.id, name: v.name.trim(), location: blankToNull(v.location), isHost: v.isHost }),
          );
      this.dialogRef.close(saved);
    } catch (e) {
      this.error.set(toApiError(e));
    } finally {
      this.saving.set(false);
    }
  }
}
