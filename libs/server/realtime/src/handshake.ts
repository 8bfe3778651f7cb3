import type { IncomingMessage } from 'node:http';

/** Reads one cookie from a raw Cookie header (socket.io handshakes do not pass through cookie-parser). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * Refuses cross-site WebSocket hijacking: a browser always sends Origin, and it must name this host.
 * Clients without Origin (tests, site devices' native apps) still need a valid session cookie.
 */
export function isSameOriginHandshake(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
