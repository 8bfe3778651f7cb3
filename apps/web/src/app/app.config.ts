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
import { TitleStrategy, provideRouter, withComponentInputBinding, withInMemoryScrolling } from '@angular/router';
import { provideSessionLostRedirect } from '@phonghop/client-auth';
import { apiErrorInterceptor } from '@phonghop/client-data-access';
import { provideAppIcons } from '@phonghop/client-shell';
import { APP_ROUTES } from './app.routes';
import { I18nTitleStrategy } from './i18n-title.strategy';

/** Composition root: every cross-cutting provider is wired here and nowhere else. */
export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideHttpClient(withInterceptors([apiErrorInterceptor])),
    provideRouter(APP_ROUTES, withComponentInputBinding(), withInMemoryScrolling({ scrollPositionRestoration: 'top' })),
    { provide: TitleStrategy, useClass: I18nTitleStrategy },
    { provide: MAT_FORM_FIELD_DEFAULT_OPTIONS, useValue: { appearance: 'outline' } },
    provideAppIcons(),
    provideSessionLostRedirect(),
    // Installable PWA: app shell, meeting lists and saved documents work offline (see ngsw-config.json).
    provideServiceWorker('ngsw-worker.js', { enabled: !isDevMode(), registrationStrategy: 'registerWhenStable:30000' }),
    // Published meeting documents are copied to the device in the background; the documents lib is
    // loaded after start so it stays out of the initial bundle.
    provideEnvironmentInitializer(() => {
      const injector = inject(EnvironmentInjector);
      void import('@phonghop/client-documents').then((m) => m.startOfflineDocuments(injector));
    }),
  ],
};
