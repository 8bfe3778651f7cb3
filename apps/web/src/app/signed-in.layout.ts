import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { Router, RouterOutlet } from '@angular/router';
import { AUTH_PATHS, SessionStore } from '@phonghop/client-auth';
import { ShellLayoutComponent } from '@phonghop/client-shell';

/** Joins the UI-only shell to the session: the shell shows the user, this decides what logout does. */
@Component({
  selector: 'ph-signed-in-layout',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ShellLayoutComponent, RouterOutlet],
  template: `
    <ph-shell-layout [user]="session.user()" (logout)="logout()">
      <router-outlet />
    </ph-shell-layout>
  `,
})
export class SignedInLayout {
  protected readonly session = inject(SessionStore);
  private readonly router = inject(Router);

  async logout(): Promise<void> {
    await this.session.logout();
    await this.router.navigate(['/', AUTH_PATHS.login]);
  }
}
