import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { ActivatedRoute, Router } from '@angular/router';
import { I18N_PIPES, I18nService } from '@phonghop/client-i18n';
import { FormSubmission } from './form-submission';
import { AUTH_PATHS } from './paths';
import { SessionStore } from './session.store';

@Component({
  selector: 'ph-login-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatProgressSpinnerModule, ...I18N_PIPES],
  templateUrl: './login.page.html',
  styleUrl: './login.page.scss',
})
export class LoginPage {
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected readonly i18n = inject(I18nService);

  protected readonly form = inject(NonNullableFormBuilder).group({
    username: ['', Validators.required],
    password: ['', Validators.required],
  });
  protected readonly showPassword = signal(false);
  protected readonly submission = new FormSubmission(this.form);

  submit(): Promise<void> {
    return this.submission.run(async () => {
      const { username, password } = this.form.getRawValue();
      const user = await this.session.login({ username: username.trim(), password });
      if (user.mustChangePassword) {
        await this.router.navigate(['/', AUTH_PATHS.changePassword]);
      } else {
        await this.router.navigateByUrl(this.safeReturnUrl());
      }
    });
  }

  /** Only same-app paths: a crafted `?returnUrl=https://…` must not send people elsewhere. */
  private safeReturnUrl(): string {
    const url = this.route.snapshot.queryParamMap.get('returnUrl');
    return url && url.startsWith('/') && !url.startsWith('//') && !url.includes(AUTH_PATHS.login) ? url : '/';
  }
}
