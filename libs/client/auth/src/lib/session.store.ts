import { Injectable, computed, inject, signal } from '@angular/core';
import type { ChangePasswordRequest, LoginRequest, Role, UserDto } from '@phonghop/contracts';
import { AuthApi, RealtimeClient } from '@phonghop/client-data-access';
import { firstValueFrom } from 'rxjs';

/**
 * Who is signed in. The session itself is an httpOnly cookie, so the only way to know is to ask
 * `/api/auth/me` once at start; guards wait for that answer.
 */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly authApi = inject(AuthApi);
  private readonly realtime = inject(RealtimeClient);

  private readonly userSignal = signal<UserDto | null>(null);
  private loading: Promise<UserDto | null> | null = null;

  readonly user = this.userSignal.asReadonly();
  readonly signedIn = computed(() => this.userSignal() !== null);
  readonly mustChangePassword = computed(() => this.userSignal()?.mustChangePassword ?? false);
  readonly isAdmin = computed(() => this.hasAnyRole(['admin']));

  /** Resolves with the current user (or null); asks the server only the first time. */
  async ensureLoaded(): Promise<UserDto | null> {
    this.loading ??= firstValueFrom(this.authApi.me()).then(
      (session) => {
        this.userSignal.set(session.user);
        this.realtime.start();
        return session.user;
      },
      () => {
        this.userSignal.set(null);
        return null;
      },
    );
    await this.loading;
    // The signal, not the first answer: login, password change and logout update it later.
    return this.userSignal();
  }

  /** Throws the ApiErrorBody on failure so the login page can show the server's message. */
  async login(request: LoginRequest): Promise<UserDto> {
    const session = await firstValueFrom(this.authApi.login(request));
    this.userSignal.set(session.user);
    // Invitations and meeting changes are pushed to every signed-in device, whatever page is open.
    this.realtime.start();
    this.loading = Promise.resolve(session.user);
    return session.user;
  }

  async logout(): Promise<void> {
    try {
      await firstValueFrom(this.authApi.logout());
    } catch {
      // Signed out locally regardless: the cookie expires on its own and the next call gets a 401.
    }
    this.forget();
  }

  async changePassword(request: ChangePasswordRequest): Promise<void> {
    await firstValueFrom(this.authApi.changePassword(request));
    const user = this.userSignal();
    if (user) this.userSignal.set({ ...user, mustChangePassword: false });
  }

  /** The server said the session is gone (401 elsewhere, socket `session:ended`). */
  forget(): void {
    this.realtime.disconnect();
    this.userSignal.set(null);
    this.loading = Promise.resolve(null);
  }

  hasAnyRole(roles: readonly Role[]): boolean {
    const user = this.userSignal();
    return !!user && user.roles.some((r) => roles.includes(r));
  }
}

