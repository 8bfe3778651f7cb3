export { SessionStore } from './lib/session.store';
export { authGuard, roleGuard, signedOutGuard, sessionGuard } from './lib/guards';
export { provideSessionLostRedirect } from './lib/session-lost';
export { AUTH_PATHS } from './lib/paths';
export { strongPasswordValidator, passwordsMatchValidator } from './lib/password-match.validator';
// The guards make this barrel part of the initial bundle anyway, and a signed-out user needs the login page first.
export { LoginPage } from './lib/login.page';
export { ChangePasswordPage } from './lib/change-password.page';
