import type { Routes } from '@angular/router';

/** Mounted under `/admin` by the app, behind `roleGuard(['admin'])`. Titles are i18n keys (see the app's title strategy). */
export const ADMIN_ROUTES: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'users' },
  { path: 'users', title: 'shell.nav.users', loadComponent: () => import('./users/users.page').then((m) => m.UsersPage) },
  { path: 'units', title: 'shell.nav.units', loadComponent: () => import('./units/units.page').then((m) => m.UnitsPage) },
  // The voting lib's own page: administrators verify a meeting's result chain without taking part in it.
  { path: 'vote-chain', title: 'vote.chain.pageTitle', loadComponent: () => import('@phonghop/client-voting').then((m) => m.ChainVerifyPage) },
];
