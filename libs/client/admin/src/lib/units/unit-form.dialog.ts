import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { OrgApi, toApiError } from '@phonghop/client-data-access';
import { I18N_PIPES } from '@phonghop/client-i18n';
import { UNIT_KINDS, UNIT_KIND_LABELS, type ApiErrorBody, type OrgUnitDto, type OrgUnitTreeNode } from '@phonghop/contracts';
import { firstValueFrom } from 'rxjs';
import { subtreeIds, suggestChildKind, unitOptions, type UnitOption } from './unit-tree';

export const TOP_LEVEL = '__top__';

export type UnitFormDialogData =
  | { mode: 'create'; tree: OrgUnitTreeNode[]; parent: OrgUnitTreeNode | null }
  | { mode: 'edit'; unit: OrgUnitTreeNode }
  | { mode: 'move'; tree: OrgUnitTreeNode[]; unit: OrgUnitTreeNode };

/** Add, rename/re-code, or move a unit; closes with the saved unit. */
@Component({
  selector: 'ph-unit-form-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatIconModule, MatInputModule, MatSelectModule, ...I18N_PIPES],
  templateUrl: './unit-form.dialog.html',
  styles: `
    .row { display: grid; grid-template-columns: 1fr 1fr; gap: 0 16px; }
    .ph-error-banner { margin-bottom: 12px; }
    @media (max-width: 599.98px) { .row { grid-template-columns: 1fr; } }
  `,
})
export class UnitFormDialog {
  protected readonly data = inject<UnitFormDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject(MatDialogRef<UnitFormDialog, OrgUnitDto>);
  private readonly orgApi = inject(OrgApi);

  protected readonly kinds = UNIT_KINDS;
  protected readonly kindLabels = UNIT_KIND_LABELS;
  protected readonly mode = this.data.mode;
  private readonly unit = this.data.mode === 'create' ? null : this.data.unit;

  /** Parent choices: never the unit itself or anything below it (the server refuses cycles too). */
  protected readonly parentOptions: UnitOption[] =
    this.data.mode === 'create' ? unitOptions(this.data.tree) : this.data.mode === 'move' ? unitOptions(this.data.tree, subtreeIds(this.data.unit)) : [];

  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    code: [this.unit?.code ?? '', [Validators.required, Validators.maxLength(50)]],
    name: [this.unit?.name ?? '', [Validators.required, Validators.maxLength(200)]],
    kind: [this.unit?.kind ?? suggestChildKind(this.data.mode === 'create' ? (this.data.parent?.kind ?? null) : null)],
    sortOrder: [this.unit?.sortOrder ?? 0],
    // mat-select shows nothing for a null value, so "top level" is a visible sentinel option.
    parentId: this.fb.control<string>(
      (this.data.mode === 'create' ? this.data.parent?.id : this.unit?.parentId) ?? TOP_LEVEL,
    ),
  });

  protected readonly saving = signal(false);
  protected readonly error = signal<ApiErrorBody | null>(null);

  protected readonly topLevel = TOP_LEVEL;
  protected readonly indent = (depth: number) => '\u00a0\u00a0\u00a0'.repeat(depth);

  async submit(): Promise<void> {
    if (this.mode !== 'move' && this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    this.error.set(null);
    const v = this.form.getRawValue();
    const parentId = v.parentId === TOP_LEVEL ? null : v.parentId;
    try {
      let saved: OrgUnitDto;
      if (this.mode === 'move' && this.unit) {
        saved = await firstValueFrom(this.orgApi.updateUnit(this.unit.id, { parentId }));
      } else if (this.mode === 'edit' && this.unit) {
        saved = await firstValueFrom(
          this.orgApi.updateUnit(this.unit.id, { code: v.code.trim(), name: v.name.trim(), kind: v.kind, sortOrder: Number(v.sortOrder) || 0 }),
        );
      } else {
        saved = await firstValueFrom(
          this.orgApi.createUnit({ parentId, code: v.code.trim(), name: v.name.trim(), kind: v.kind, sortOrder: Number(v.sortOrder) || 0 }),
        );
      }
      this.dialogRef.close(saved);
    } catch (e) {
      const error = toApiError(e);
      this.error.set(error);
      if (error.code === 'UNIT_CODE_TAKEN') this.form.controls.code.setErrors({ taken: true });
    } finally {
      this.saving.set(false);
    }
  }
}
