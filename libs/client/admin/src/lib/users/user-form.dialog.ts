import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { OrgApi, UsersApi, toApiError } from '@phonghop/client-data-access';
import { I18N_PIPES } from '@phonghop/client-i18n';
import { ROLES, ROLE_LABELS, type ApiErrorBody, type Role, type UserDto } from '@phonghop/contracts';
import { catchError, firstValueFrom, of } from 'rxjs';
import { USERNAME_PATTERN, atLeastOne, blankToNull, strongPassword } from '../common/validators';

export type UserFormDialogData = { mode: 'create' } | { mode: 'edit'; user: UserDto };

/** Create or edit an account; closes with the saved UserDto. */
@Component({
  selector: 'ph-user-form-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    MatSlideToggleModule,
    ...I18N_PIPES,
  ],
  templateUrl: './user-form.dialog.html',
  styleUrl: './user-form.dialog.scss',
})
export class UserFormDialog {
  protected readonly data = inject<UserFormDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject(MatDialogRef<UserFormDialog, UserDto>);
  private readonly usersApi = inject(UsersApi);
  private readonly orgApi = inject(OrgApi);

  protected readonly roles = ROLES;
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly isCreate = this.data.mode === 'create';
  private readonly existing = this.data.mode === 'edit' ? this.data.user : null;

  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    username: [this.existing?.username ?? '', this.isCreate ? [Validators.required, Validators.pattern(USERNAME_PATTERN)] : []],
    fullName: [this.existing?.fullName ?? '', [Validators.required, Validators.maxLength(200)]],
    password: ['', this.isCreate ? [Validators.required, strongPassword] : []],
    title: [this.existing?.title ?? ''],
    email: [this.existing?.email ?? '', Validators.email],
    phone: [this.existing?.phone ?? ''],
    roles: this.fb.control<Role[]>(this.existing?.roles ?? [], atLeastOne),
    unitId: this.fb.control<string | null>(this.existing?.unitId ?? null),
    siteId: this.fb.control<string | null>(this.existing?.siteId ?? null),
    disabled: [this.existing?.disabled ?? false],
  });

  protected readonly units = toSignal(this.orgApi.units().pipe(catchError(() => of([]))), { initialValue: [] });
  private readonly sites = toSignal(this.orgApi.sites().pipe(catchError(() => of([]))), { initialValue: [] });
  private readonly selectedUnit = toSignal(this.form.controls.unitId.valueChanges, { initialValue: this.form.controls.unitId.value });
  /** Sites of the chosen unit (all sites when no unit is chosen yet). */
  protected readonly siteChoices = computed(() => {
    const unitId = this.selectedUnit();
    return unitId ? this.sites().filter((s) => s.unitId === unitId) : this.sites();
  });
  protected readonly selectedRoles = toSignal(this.form.controls.roles.valueChanges, { initialValue: this.form.controls.roles.value });

  protected readonly saving = signal(false);
  protected readonly error = signal<ApiErrorBody | null>(null);

  protected toggleRole(role: Role, checked: boolean): void {
    const current = this.form.controls.roles.value;
    const next = checked ? [...new Set([...current, role])] : current.filter((r) => r !== role);
    this.form.controls.roles.setValue(ROLES.filter((r) => next.includes(r)));
    this.form.controls.roles.markAsTouched();
  }

  async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    this.error.set(null);
    const v = this.form.getRawValue();
    const common = {
      fullName: v.fullName.trim(),
      roles: v.roles,
      title: blankToNull(v.title),
      email: blankToNull(v.email),
      phone: blankToNull(v.phone),
      unitId: v.unitId,
      siteId: v.siteId,
    };
    try {
      const saved = this.existing
        ? await firstValueFrom(this.usersApi.update(this.existing.id, { ...common, disabled: v.disabled }))
        : await firstValueFrom(this.usersApi.create({ ...common, username: v.username.trim(), password: v.password }));
      this.dialogRef.close(saved);
    } catch (e) {
      const error = toApiError(e);
      this.error.set(error);
      if (error.code === 'USERNAME_TAKEN') this.form.controls.username.setErrors({ taken: true });
      if (error.code === 'AUTH_WEAK_PASSWORD') this.form.controls.password.setErrors({ weakPassword: true });
    } finally {
      this.saving.set(false);
    }
  }
}
