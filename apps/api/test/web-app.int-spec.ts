import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENGINE, startTestApp, type TestApp } from './support/test-app';

jest.setTimeout(60_000);

/** The built web app served by the API: deep links, caching, and a CSP that lets index.html's own script run. */
describe(`web app (${ENGINE})`, () => {
  let t: TestApp;
  let webDir: string;
  const inline = "\n      window.started = new Worker('pdfjs/pdf.worker.min.mjs', { type: 'module' });\n    ";
  const indexHtml = `<!doctype html><html><head><base href="/"><script>${inline}</script></head><body><ph-root></ph-root><script src="main-ABCDEFGH.js" type="module"></script></body></html>`;

  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'phonghop-web-'));
    writeFileSync(join(webDir, 'index.html'), indexHtml);
    writeFileSync(join(webDir, 'main-ABCDEFGH.js'), 'export {};');
    mkdirSync(join(webDir, 'pdfjs'));
    writeFileSync(join(webDir, 'pdfjs', 'pdf.worker.min.mjs'), 'self.onmessage = () => undefined;');
    t = await startTestApp({ WEB_DIST_DIR: webDir });
  });
  afterAll(async () => {
    await t.destroy();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('answers a deep link with index.html, revalidated, and its inline script allowed by hash and nothing else inline', async () => {
    const res = await fetch(`${t.baseUrl}/meetings/m-1/documents/d-1`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toBe(indexHtml);
    const csp = res.headers.get('content-security-policy') ?? '';
    const scriptSrc = /(?:^|;)script-src ([^;]*)/.exec(csp)?.[1].split(' ');
    const hash = `'sha256-${createHash('sha256').update(inline, 'utf8').digest('base64')}'`;
    expect(scriptSrc).toEqual(["'self'", hash]);
    expect(csp).toContain("script-src-attr 'none'");
    // API answers carry the same policy.
    expect((await fetch(`${t.baseUrl}/api/health`)).headers.get('content-security-policy')).toBe(csp);
  });

  it('answers 304 to a tablet that has this index.html already', async () => {
    const first = await fetch(`${t.baseUrl}/`, { headers: { accept: 'text/html' } });
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    // As a browser revalidates from its cache (fetch() itself would add Cache-Control: no-cache to a conditional GET).
    const again = await fetch(`${t.baseUrl}/meetings`, { headers: { accept: 'text/html', 'if-none-match': etag ?? '', 'cache-control': 'max-age=0' } });
    expect(again.status).toBe(304);
  });

  it('serves hashed bundles as immutable and the pdf.js worker revalidated; an unknown API path is still a JSON 404', async () => {
    const bundle = await fetch(`${t.baseUrl}/main-ABCDEFGH.js`);
    expect(bundle.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const worker = await fetch(`${t.baseUrl}/pdfjs/pdf.worker.min.mjs`);
    expect(worker.status).toBe(200);
    expect(worker.headers.get('cache-control')).toBe('no-cache');
    const api = await fetch(`${t.baseUrl}/api/no-such-thing`, { headers: { accept: 'text/html,application/json' } });
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/json/);
  });
});
