import { inject } from '@angular/core';
import { Router, type CanActivateFn } from '@angular/router';
import type { Role } from '@phonghop/contracts';
import { AUTH_PATHS } from './paths';
import { SessionStore } from './session.store';

/** Signed-in users only; a user who must change the password goes there first. */
export const authGuard: CanActivateFn = async (_route, state) => {
  const session = inject(SessionStore);
  const router = inject(Router);
  const user = await session.ensureLoaded();
  if (!user) {
    const returnUrl = state.url && state.url !== '/' ? state.url : undefined;
    return router.createUrlTree(['/', AUTH_PATHS.login], { queryParams: returnUrl ? { returnUrl } : {} });
  }
  if (user.mustChangePassword) return router.createUrlTree(['/', AUTH_PATHS.changePassword]);
  return true;
};

/** Any of the given system roles; others land on their home page rather than an error. */
export function roleGuard(roles: readonly Role[]): CanActivateFn {
  return async () => {
    const session = inject(SessionStore);
    const router = inject(Router);
    await session.ensureLoaded();
    return session.hasAnyRole(roles) ? true : router.createUrlTree(['/']);
  };
}

/** The login page is pointless when already signed in. */
export const signedOutGuard: CanActivateFn = async () => {
  const session = inject(SessionStore);
  const router = inject(Router);
  const user = await session.ensureLoaded();
  return user ? router.createUrlTree(['/']) : true;
};

/** Change-password needs a session, but must not bounce on `mustChangePassword`. */
export const sessionGuard: CanActivateFn = async () => {
  const session = inject(SessionStore);
  const router = inject(Router);
  const user = await session.ensureLoaded();
  return user ? true : router.createUrlTree(['/', AUTH_PATHS.login]);
};
