export interface IdentityOptions {
  /** A session ends after this many hours without use (sliding). */
  sessionIdleHours: number;
  /** Consecutive wrong passwords before the account is locked for `lockMinutes`. */
  maxFailedLogins: number;
  lockMinutes: number;
  /** Send the cookie only over HTTPS (set when served behind TLS). */
  secureCookies: boolean;
}

export const IDENTITY_OPTIONS = Symbol('IDENTITY_OPTIONS');
