import type { Routes } from '@angular/router';
import { AUTH_PATHS, ChangePasswordPage, LoginPage, authGuard, roleGuard, sessionGuard, signedOutGuard } from '@phonghop/client-auth';
import { SignedInLayout } from './signed-in.layout';

/**
 * Paths: /login, /change-password (outside the shell: a user who must change the password sees
 * nothing else), and the signed-in shell with / (my meetings), /meetings/new, /meetings/:id,
 * /admin/users, /admin/units.
 * Route titles are i18n keys, rendered by I18nTitleStrategy. The auth pages are eager: the guards
 * need the auth lib at start anyway, and a signed-out visitor sees the login page first.
 */
export const APP_ROUTES: Routes = [
  {
    path: AUTH_PATHS.login,
    title: 'login.title',
    canActivate: [signedOutGuard],
    component: LoginPage,
  },
  {
    path: AUTH_PATHS.changePassword,
    title: 'password.title',
    canActivate: [sessionGuard],
    component: ChangePasswordPage,
  },
  {
    path: '',
    component: SignedInLayout,
    canActivate: [authGuard],
    canActivateChild: [authGuard],
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'home.title',
        loadComponent: () => import('@phonghop/client-home').then((m) => m.MyMeetingsPage),
      },
      {
        // Before 'meetings': documents of a meeting and the PDF reader (pdf.js loads only there).
        path: 'meetings/:meetingId/documents',
        loadChildren: () => import('@phonghop/client-documents').then((m) => m.DOCUMENTS_ROUTES),
      },
      {
        // The online conference: mediasoup-client loads only there.
        path: 'meetings/:meetingId/conference',
        loadChildren: () => import('@phonghop/client-conference').then((m) => m.CONFERENCE_ROUTES),
      },
      {
        path: 'meetings',
        loadChildren: () => import('@phonghop/client-meetings').then((m) => m.MEETINGS_ROUTES),
      },
      {
        path: 'admin',
        canActivate: [roleGuard(['admin'])],
        loadChildren: () => import('@phonghop/client-admin').then((m) => m.ADMIN_ROUTES),
      },
      {
        path: '**',
        title: 'notFound.title',
        loadComponent: () => import('./not-found.page').then((m) => m.NotFoundPage),
      },
    ],
  },
];
