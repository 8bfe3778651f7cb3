import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Hashed bundles never change, so browsers and tablets may keep them for a year. */
const HASHED_FILE = /-[A-Z0-9]{8,}\.(js|css|mjs)$/i;

/** The built Angular app: where it is, its index.html, and what the Content-Security-Policy must allow of it. */
export interface WebApp {
  dir: string;
  indexHtml: Buffer;
  /** CSP sources (`'sha256-…'`) of index.html's inline scripts: the policy allows those and no other inline code. */
  inlineScriptSources: string[];
}

/** The built web app (WEB_DIST_DIR, else dist/ beside the API), or null when there is none (API-only, tests). */
export function locateWebApp(configured?: string): WebApp | null {
  const candidates = configured ? [configured] : [join(process.cwd(), 'dist/apps/web/browser'), join(__dirname, '../web/browser')];
  const dir = candidates.map((c) => resolve(c)).find((c) => existsSync(join(c, 'index.html')));
  if (!dir) return null;
  const indexHtml = readFileSync(join(dir, 'index.html'));
  return { dir, indexHtml, inlineScriptSources: inlineScriptHashes(indexHtml.toString('utf8')) };
}

/**
 * `'sha256-…'` of each inline `<script>` in `html`, as CSP hashes them: the exact text between the tags. Scripts with
 * a `src` are covered by `'self'`.
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (/\bsrc\s*=/i.test(m[1]) || !m[2]) continue;
    hashes.push(`'sha256-${createHash('sha256').update(m[2], 'utf8').digest('base64')}'`);
  }
  return hashes;
}

/**
 * In production one process serves the whole system: the built Angular app with long-lived caching of
 * hashed files, index.html always revalidated (from memory: it is on the path to every first page), and deep links
 * falling back to index.html.
 */
export function serveWebApp(app: NestExpressApplication, web: WebApp): void {
  app.use(
    express.static(web.dir, {
      index: false,
      setHeaders: (res, path) => {
        res.setHeader('Cache-Control', HASHED_FILE.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api') || !req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    // Express answers 304 to a matching If-None-Match from the ETag it derives from the body.
    res.type('html').send(web.indexHtml);
  });
}
