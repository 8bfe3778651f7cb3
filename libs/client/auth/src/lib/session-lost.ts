import { DestroyRef, inject, provideAppInitializer, type EnvironmentProviders } from '@angular/core';
import { Router } from '@angular/router';
import { SessionEvents } from '@phonghop/client-data-access';
import { AUTH_PATHS } from './paths';
import { SessionStore } from './session.store';

/** When the server ends the session (expiry, disabled account, logout elsewhere), go to the login page. */
export function provideSessionLostRedirect(): EnvironmentProviders {
  return provideAppInitializer(() => {
    const events = inject(SessionEvents);
    const session = inject(SessionStore);
    const router = inject(Router);
    const subscription = events.sessionLost$.subscribe(() => {
      if (!session.signedIn()) return;
      session.forget();
      void router.navigate(['/', AUTH_PATHS.login], { queryParams: { returnUrl: router.url } });
    });
    inject(DestroyRef).onDestroy(() => subscription.unsubscribe());
  });
}
