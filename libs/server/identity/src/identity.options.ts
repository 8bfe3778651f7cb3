import type { LoginThrottleLimits } from './login-throttle';

export interface IdentityOptions {
  /** A session ends after this many hours without use (sliding). */
  sessionIdleHours: number;
  /** Growing delays after wrong passwords, per account and client address, with a ceiling per account (no lock-out). */
  loginThrottle: LoginThrottleLimits;
  /** Always mark the cookie Secure (set when served behind TLS); it is also Secure on any request that came over HTTPS. */
  secureCookies: boolean;
  /** Created on the first start of an empty database (production installs without demo data). */
  firstAdmin?: { username: string; password: string };
}

export const IDENTITY_OPTIONS = Symbol('IDENTITY_OPTIONS');
