import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How a lower-level phonghop server proves who it is when it links to an upper-level one: its name, the time, and
 * an HMAC-SHA256 of both under the secret the two administrators agreed (CASCADE_PEERS on the upper server,
 * CASCADE_UPSTREAM_SECRET on the lower). The secret itself never crosses the network; a token is good for a
 * couple of minutes (clocks of government servers drift), and only over the link's TLS in production.
 */
export interface LinkToken {
  server: string;
  ts: number;
  sig: string;
}

/** How far a token's time may be from ours. */
export const LINK_TOKEN_SKEW_MS = 120_000;

const signature = (secret: string, server: string, ts: number): Buffer => createHmac('sha256', secret).update(`phonghop-cascade\n${server}\n${ts}`).digest();

export function signLinkToken(server: string, secret: string, now = Date.now()): LinkToken {
  return { server, ts: now, sig: signature(secret, server, now).toString('base64url') };
}

/** The linking server's name when `token` is valid for one of `secrets` (server name → secret), else null. */
export function verifyLinkToken(token: unknown, secrets: ReadonlyMap<string, string>, now = Date.now()): string | null {
  if (!token || typeof token !== 'object') return null;
  const { server, ts, sig } = token as Partial<LinkToken>;
  if (typeof server !== 'string' || typeof ts !== 'number' || typeof sig !== 'string') return null;
  const secret = secrets.get(server);
  if (!secret || !Number.isFinite(ts) || Math.abs(now - ts) > LINK_TOKEN_SKEW_MS) return null;
  const expected = signature(secret, server, ts);
  const given = Buffer.from(sig, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected) ? server : null;
}
