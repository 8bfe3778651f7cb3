import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { OrgApi, UsersApi, toApiError } from '@phonghop/client-data-access';
import { I18N_PIPES, I18nService } from '@phonghop/client-i18n';
import { ROLES, ROLE_LABELS, type ApiErrorBody, type LocalizedText, type Role, type UserDto } from '@phonghop/contracts';
import { catchError, debounceTime, of, switchMap, tap } from 'rxjs';
import { ResetPasswordDialog } from './reset-password.dialog';
import { UserFormDialog, type UserFormDialogData } from './user-form.dialog';

interface UserQuery {
  search: string;
  role: Role | null;
  includeDisabled: boolean;
  refresh: number;
}

/** Accounts: search, filter by role, create, edit, disable, reset password, clear sign-in delays. */
@Component({
  selector: 'ph-users-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatMenuModule,
    MatProgressBarModule,
    MatSelectModule,
    MatSlideToggleModule,
    MatTableModule,
    MatTooltipModule,
    ...I18N_PIPES,
  ],
  templateUrl: './users.page.html',
  styleUrl: './users.page.scss',
})
export class UsersPage {
  private readonly usersApi = inject(UsersApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18nService);

  protected readonly roles = ROLES;
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly columns = ['name', 'roles', 'unit', 'status', 'actions'];

  protected readonly search = signal('');
  protected readonly role = signal<Role | null>(null);
  protected readonly includeDisabled = signal(true);
  private readonly refresh = signal(0);

  protected readonly users = signal<UserDto[]>([]);
  protected readonly loading = signal(true);
  protected readonly error = signal<ApiErrorBody | null>(null);

  private readonly units = toSignal(inject(OrgApi).units().pipe(catchError(() => of([]))), { initialValue: [] });
  protected readonly unitNames = computed(() => new Map(this.units().map((u) => [u.id, u.name])));

  constructor() {
    const query = computed<UserQuery>(() => ({
      search: this.search(),
      role: this.role(),
      includeDisabled: this.includeDisabled(),
      refresh: this.refresh(),
    }));
    // Typing in the search box should not fire a request per key press.
    toObservable(query)
      .pipe(
        debounceTime(250),
        tap(() => this.loading.set(true)),
        switchMap((q) =>
          this.usersApi
            .list({ search: q.search, role: q.role ?? undefined, includeDisabled: q.includeDisabled })
            .pipe(catchError((e: unknown) => of(toApiError(e)))),
        ),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((result) => {
        this.loading.set(false);
        if (Array.isArray(result)) {
          this.users.set(result);
          this.error.set(null);
        } else {
          this.error.set(result);
        }
      });
  }

  /** Typed view of a row's roles (mat-table rows are untyped in templates). */
  protected roleChips(user: UserDto): { role: Role; label: LocalizedText }[] {
    return user.roles.map((role) => ({ role, label: ROLE_LABELS[role] }));
  }

  protected reload(): void {
    this.refresh.update((n) => n + 1);
  }

  protected openCreate(): void {
    this.openForm({ mode: 'create' }, 'userForm.created');
  }

  protected openEdit(user: UserDto): void {
    this.openForm({ mode: 'edit', user }, 'userForm.updated');
  }

  protected openResetPassword(user: UserDto): void {
    this.dialog
      .open(ResetPasswordDialog, { data: user, autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((done) => {
        if (done) this.snackBar.open(this.i18n.t('resetPassword.done', { name: user.fullName }), undefined, { duration: 4000 });
      });
  }

  /** Clears the account's sign-in delays after someone guessed at its password (nothing ever locks an account). */
  protected unlock(user: UserDto): void {
    this.usersApi.unlock(user.id).subscribe({
      next: () => this.snackBar.open(this.i18n.t('users.unlockDone', { name: user.fullName }), undefined, { duration: 4000 }),
      error: (e: unknown) => this.snackBar.open(this.i18n.errorMessage(toApiError(e)), undefined, { duration: 6000 }),
    });
  }

  private openForm(data: UserFormDialogData, doneKey: 'userForm.created' | 'userForm.updated'): void {
    this.dialog
      .open<UserFormDialog, UserFormDialogData, UserDto>(UserFormDialog, { data, autoFocus: 'first-tabbable', maxWidth: '680px', width: '92vw' })
      .afterClosed()
      .subscribe((saved) => {
        if (!saved) return;
        this.snackBar.open(this.i18n.t(doneKey, { name: saved.fullName }), undefined, { duration: 4000 });
        this.reload();
      });
  }
}
