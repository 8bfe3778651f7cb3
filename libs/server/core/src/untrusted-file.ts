import type { Response } from 'express';

/**
 * The Content-Security-Policy of every response that carries a file's bytes (an uploaded PDF, a PDF made from
 * one, its page images). A PDF may hold JavaScript: phonghop's reader (pdf.js, which loads the bytes with fetch and
 * runs no document scripts) ignores it and ignores this header too, but a PDF opened straight in the browser's own
 * viewer might run it. `sandbox` makes such a page a unique origin with scripts, forms, pop-ups and plugins off; it
 * replaces the app's policy (helmet's) for that one response.
 */
export const UNTRUSTED_FILE_CSP = 'sandbox';

/** Sets the headers for a response whose bytes come from users: the sandbox policy, and `nosniff` (the declared type only). */
export function untrustedFileHeaders(res: Pick<Response, 'setHeader'>): void {
  res.setHeader('Content-Security-Policy', UNTRUSTED_FILE_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
}
