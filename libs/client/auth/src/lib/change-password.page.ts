import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router } from '@angular/router';
import { I18N_PIPES, I18nService } from '@phonghop/client-i18n';
import { FormSubmission } from './form-submission';
import { AUTH_PATHS } from './paths';
import { passwordsMatchValidator, strongPasswordValidator } from './password-match.validator';
import { SessionStore } from './session.store';

@Component({
  selector: 'ph-change-password-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, ...I18N_PIPES],
  templateUrl: './change-password.page.html',
  styleUrl: './change-password.page.scss',
})
export class ChangePasswordPage {
  protected readonly session = inject(SessionStore);
  protected readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      currentPassword: ['', Validators.required],
      newPassword: ['', [Validators.required, strongPasswordValidator]],
      repeat: ['', Validators.required],
    },
    { validators: passwordsMatchValidator },
  );
  protected readonly show = signal(false);
  protected readonly submission = new FormSubmission(this.form);

  submit(): Promise<void> {
    return this.submission.run(async () => {
      const { currentPassword, newPassword } = this.form.getRawValue();
      await this.session.changePassword({ currentPassword, newPassword });
      this.snackBar.open(this.i18n.t('password.changed'), undefined, { duration: 4000 });
      await this.router.navigateByUrl('/');
    });
  }

  cancel(): void {
    void this.router.navigateByUrl('/');
  }

  async logout(): Promise<void> {
    await this.session.logout();
    await this.router.navigate(['/', AUTH_PATHS.login]);
  }
}
