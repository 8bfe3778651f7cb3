import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  EnvironmentInjector,
  inject,
  isDevMode,
  provideBrowserGlobalErrorListeners,
  provideEnvironmentInitializer,
  provideZonelessChangeDetection,
  type ApplicationConfig,
} from '@angular/core';
import { MAT_FORM_FIELD_DEFAULT_OPTIONS } from '@angular/material/form-field';
import { provideServiceWorker } from '@angular/service-worker';
import { NavigationEnd, Router, TitleStrategy, provideRouter, withComponentInputBinding, withInMemoryScrolling, withPreloading } from '@angular/router';
import { SessionStore, provideSessionLostRedirect } from '@phonghop/client-auth';
import { RealtimeClient, SettingsApi, apiErrorInterceptor } from '@phonghop/client-data-access';
import { I18nService } from '@phonghop/client-i18n';
import { provideAppIcons } from '@phonghop/client-shell';
import { filter, first } from 'rxjs';
import { APP_ROUTES } from './app.routes';
import { IdlePreloading } from './idle-preloading';
import { I18nTitleStrategy } from './i18n-title.strategy';

/**
 * The offline copy of documents waits this long after the first page has opened: that page (a conference join
 * above all) gets the network, the server and the CPU to itself first.
 */
const OFFLINE_DOCUMENTS_DELAY_MS = 5000;

/** Composition root: every cross-cutting provider is wired here and nowhere else. */
export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideHttpClient(withInterceptors([apiErrorInterceptor])),
    provideRouter(APP_ROUTES, withComponentInputBinding(), withInMemoryScrolling({ scrollPositionRestoration: 'top' }), withPreloading(IdlePreloading)),
    { provide: TitleStrategy, useClass: I18nTitleStrategy },
    { provide: MAT_FORM_FIELD_DEFAULT_OPTIONS, useValue: { appearance: 'outline' } },
    provideAppIcons(),
    provideSessionLostRedirect(),
    // Who is signed in, asked at start rather than by the first guard (the router loads the lazy route chunks
    // before it runs guards, so the question waited for them); the realtime socket's handshake runs beside it.
    provideEnvironmentInitializer(() => {
      void inject(SessionStore).ensureLoaded();
      inject(RealtimeClient).connectEarly();
    }),
    // Times are shown in the server's meeting zone, not the device's. Until it answers (or offline) the zone last
    // heard, or Asia/Ho_Chi_Minh, applies.
    provideEnvironmentInitializer(() => {
      const i18n = inject(I18nService);
      inject(SettingsApi)
        .get()
        .subscribe({ next: (s) => i18n.setTimeZone(s.timeZone), error: () => undefined });
    }),
    // Installable PWA: app shell, meeting lists and saved documents work offline (see ngsw-config.json).
    provideServiceWorker('ngsw-worker.js', { enabled: !isDevMode(), registrationStrategy: 'registerWhenStable:30000' }),
    // Published meeting documents are copied to the device in the background; the documents lib is
    // loaded after the first page has opened so it stays out of the initial bundle and out of that page's way.
    provideEnvironmentInitializer(() => {
      const injector = inject(EnvironmentInjector);
      inject(Router)
        .events.pipe(
          filter((e) => e instanceof NavigationEnd),
          first(),
        )
        .subscribe(() =>
          setTimeout(() => void import('@phonghop/client-documents').then((m) => m.startOfflineDocuments(injector)), OFFLINE_DOCUMENTS_DELAY_MS),
        );
    }),
  ],
};
