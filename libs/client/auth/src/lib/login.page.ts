import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { ActivatedRoute, Router } from '@angular/router';
import { I18N_PIPES, I18nService } from '@phonghop/client-i18n';
import { waitText } from '@phonghop/contracts';
import { FormSubmission, secondsUntil } from './form-submission';
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

  /** Ticks every second while sign-in is slowed down, so the hint counts down. */
  private readonly now = signal(Date.now());
  /** After a 429: when trying again makes sense (clock time and what is left), then that it does. */
  protected readonly retryHint = computed(() => {
    const at = this.submission.retryAt();
    if (at === null) return null;
    const left = secondsUntil(at, this.now());
    if (!left) return this.i18n.t('login.retryNow');
    const time = this.i18n.formatDateTime(new Date(at).toISOString(), { hour: '2-digit', minute: '2-digit', second: '2-digit' });
    return this.i18n.t('login.retryAt', { time, wait: this.i18n.pick(waitText(left)) });
  });

  constructor() {
    effect((onCleanup) => {
      const at = this.submission.retryAt();
      if (at === null) return;
      this.now.set(Date.now());
      const timer = setInterval(() => {
        this.now.set(Date.now());
        if (Date.now() >= at) clearInterval(timer);
      }, 1000);
      onCleanup(() => clearInterval(timer));
    });
  }

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
