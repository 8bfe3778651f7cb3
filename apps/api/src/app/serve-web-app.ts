import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Hashed bundles never change, so browsers and tablets may keep them for a year. */
const HASHED_FILE = /-[A-Z0-9]{8,}\.(js|css|mjs)$/i;

/**
 * In production one process serves the whole system: the built Angular app with long-lived caching of
 * hashed files, index.html always revalidated, and deep links falling back to index.html.
 */
export function serveWebApp(app: NestExpressApplication, configured?: string): string | null {
  const candidates = configured ? [configured] : [join(process.cwd(), 'dist/apps/web/browser'), join(__dirname, '../web/browser')];
  const dir = candidates.map((c) => resolve(c)).find((c) => existsSync(join(c, 'index.html')));
  if (!dir) return null;
  app.use(
    express.static(dir, {
      index: false,
      setHeaders: (res, path) => {
        res.setHeader('Cache-Control', HASHED_FILE.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api') || !req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(join(dir, 'index.html'));
  });
  return dir;
}
