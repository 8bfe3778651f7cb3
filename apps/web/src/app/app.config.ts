import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { provideBrowserGlobalErrorListeners, provideZonelessChangeDetection, type ApplicationConfig } from '@angular/core';
import { MAT_FORM_FIELD_DEFAULT_OPTIONS } from '@angular/material/form-field';
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
  ],
};
