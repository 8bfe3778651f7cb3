import { Logger } from '@nestjs/common';
import { SESSION_COOKIE } from '@phonghop/contracts';
import { DEMO_PASSWORD } from '@phonghop/server-demo-seed';
import { vietnamesePdf } from './fixtures/pdfs';
import { Browser, ENGINE, startTestApp, type TestApp } from './support/test-app';

jest.setTimeout(60_000);

/** Findings of the hostile review (issue 15): each answer is a stable code, never a 500 or a silent acceptance. */
describe(`hardening (${ENGINE})`, () => {
  let t: TestApp;
  let secretary: Browser;
  let admin: Browser;
  let meetingId: string;

  /** Each test signs in from its own client address (TRUST_PROXY_HOPS=1), so the login rate limit stays per test. */
  async function loginFrom(ip: string, username: string, password = DEMO_PASSWORD, headers: Record<string, string> = {}) {
    const b = new Browser(t.baseUrl);
    const res = await b.request('POST', '/api/auth/login', { username, password }, { 'x-forwarded-for': ip, ...headers });
    return { b, res };
  }

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY_HOPS: '1', LOGIN_RATE_PER_MINUTE: '3', LOGIN_FREE_FAILURES: '2' });
    secretary = (await loginFrom('10.0.0.1', 'thuky')).b;
    admin = (await loginFrom('10.0.0.2', 'quantri')).b;
    meetingId = (await secretary.get('/api/meetings/mine')).body[0].id;
  });
  afterAll(() => t.destroy());

  describe('1. deeply nested JSON', () => {
    it('answers 400 BODY_TOO_DEEP before parsing, without logging an error, on every JSON parser', async () => {
      const errors = jest.spyOn(Logger.prototype, 'error');
      try {
        const deepArray = `{"username":${'['.repeat(5000)}${']'.repeat(5000)},"password":"x"}`;
        const anon = new Browser(t.baseUrl);
        const res = await anon.request('POST', '/api/auth/login', deepArray, { 'x-forwarded-for': '10.1.0.1' });
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ statusCode: 400, code: 'BODY_TOO_DEEP', message: { vi: expect.any(String), en: 'The JSON body is nested too deeply.' } });

        const deepObject = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
        // The minutes and annotation routes have their own 4 MB parsers: guarded too (before any session check).
        for (const path of ['/api/auth/login', '/api/annotations/ops', `/api/meetings/${meetingId}/minutes`]) {
          const r = await anon.request('POST', path, deepObject, { 'x-forwarded-for': '10.1.0.2' });
          expect([path, r.status, r.body?.code]).toEqual([path, 400, 'BODY_TOO_DEEP']);
        }
        expect(errors).not.toHaveBeenCalled();
      } finally {
        errors.mockRestore();
      }
    });

    it('still reads ordinary nesting, and brackets inside strings do not count', async () => {
      const anon = new Browser(t.baseUrl);
      const nested = await anon.request('POST', '/api/auth/login', { username: [[[['x']]]], password: 'x' }, { 'x-forwarded-for': '10.1.0.3' });
      expect([nested.status, nested.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      const brackets = await anon.request('POST', '/api/auth/login', { username: 'khong.ton.tai', password: '[{'.repeat(100) }, { 'x-forwarded-for': '10.1.0.3' });
      expect([brackets.status, brackets.body.code]).toEqual([401, 'AUTH_INVALID_CREDENTIALS']);
    });
  });

  describe('4. Retry-After on 429', () => {
    it('sends Retry-After (seconds) when the login rate limit is hit', async () => {
      const statuses: number[] = [];
      let last: Awaited<ReturnType<typeof loginFrom>>['res'] | undefined;
      for (let i = 0; i < 4; i++) {
        // A different name each time (password spraying): the per-address limit, not the per-account delays.
        last = (await loginFrom('10.4.0.1', `khong.ton.tai.${i}`, 'sai-mat-khau-1')).res;
        statuses.push(last.status);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
      expect(last?.body.code).toBe('AUTH_TOO_MANY_ATTEMPTS');
      const retryAfter = Number(last?.headers.get('retry-after'));
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
    });

    it('sends Retry-After with the wait of an account delayed from one address, in the body and the message too', async () => {
      expect((await loginFrom('10.4.1.1', 'daibieu', 'sai-mat-khau-1')).res.status).toBe(401);
      const delayed = (await loginFrom('10.4.1.1', 'daibieu', 'sai-mat-khau-1')).res;
      expect([delayed.status, delayed.body.code]).toEqual([429, 'AUTH_TOO_MANY_ATTEMPTS']);
      expect([delayed.headers.get('retry-after'), delayed.body.retryAfterSeconds]).toEqual(['1', 1]);
      expect(delayed.body.message.en).toBe('Too many failed sign-in attempts. Try again in 1 second.');
      // Only that address waits (finding 3: no lock-out of the owner).
      expect((await loginFrom('10.4.1.2', 'daibieu')).res.status).toBe(200);
    });
  });

  describe('5. upload file names', () => {
    const start = (fileName: string, sizeBytes = 1000) => secretary.post(`/api/meetings/${meetingId}/uploads`, { fileName, sizeBytes });

    it('refuses a blank name with FILE_NAME_INVALID', async () => {
      for (const name of ['   ', '\u00a0 \u3000']) {
        const res = await start(name);
        expect([res.status, res.body.code, res.body.details?.[0]?.field]).toEqual([400, 'FILE_NAME_INVALID', 'fileName']);
        expect(res.body.message.vi).toBeTruthy();
      }
    });

    it('refuses text-direction controls that disguise a file type', async () => {
      for (const ch of ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f']) {
        const res = await start(`hoso${ch}fdp.exe`);
        expect([ch.codePointAt(0)?.toString(16), res.status, res.body.code]).toEqual([ch.codePointAt(0)?.toString(16), 400, 'FILE_NAME_INVALID']);
      }
    });

    it('stores names NFC-normalised, trimmed, with runs of spaces collapsed', async () => {
      const decomposed = 'Ba\u0301o  ca\u0301o\u00a0 quy\u0301 IV.pdf '.normalize('NFD');
      const res = await start(`  ${decomposed}`);
      expect(res.status).toBe(201);
      expect(res.body.fileName).toBe('Báo cáo quý IV.pdf'.normalize('NFC'));
    });
  });

  describe('6. precise codes', () => {
    it('answers an oversized JSON body 413 BODY_TOO_LARGE', async () => {
      const res = await new Browser(t.baseUrl).request('POST', '/api/auth/login', { username: 'x', password: 'y'.repeat(200_000) }, { 'x-forwarded-for': '10.6.0.1' });
      expect([res.status, res.body.code]).toEqual([413, 'BODY_TOO_LARGE']);
      expect(res.body.message.en).toBeTruthy();
    });

    it('answers a negative size VALIDATION_FAILED on sizeBytes (0 stays FILE_EMPTY)', async () => {
      const res = await secretary.post(`/api/meetings/${meetingId}/uploads`, { fileName: 'a.pdf', sizeBytes: -5 });
      expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain('sizeBytes');
      expect((await secretary.post(`/api/meetings/${meetingId}/uploads`, { fileName: 'a.pdf', sizeBytes: 0 })).body.code).toBe('FILE_EMPTY');
    });

    it('tells the losing side of two parallel "complete" calls UPLOAD_ALREADY_COMPLETED (409), and a late repeat too', async () => {
      const pdf = await vietnamesePdf([['Tờ trình số 15']], 'Tờ trình');
      const started = await secretary.post(`/api/meetings/${meetingId}/uploads`, { fileName: 'to-trinh.pdf', sizeBytes: pdf.length });
      expect(started.status).toBe(201);
      const id = started.body.uploadId as string;
      const put = await fetch(`${t.baseUrl}/api/uploads/${id}?offset=0`, {
        method: 'PUT',
        headers: { cookie: `${SESSION_COOKIE}=${secretary.cookie}`, 'content-type': 'application/octet-stream' },
        body: new Uint8Array(pdf),
      });
      expect(put.status).toBe(200);
      const both = await Promise.all([1, 2].map(() => secretary.post(`/api/uploads/${id}/complete`, { title: 'Tờ trình số 15' })));
      const [won, lost] = [...both].sort((a, b) => a.status - b.status);
      expect(won.status).toBe(201);
      expect([lost.status, lost.body.code]).toEqual([409, 'UPLOAD_ALREADY_COMPLETED']);
      expect(lost.body.message.vi).toBeTruthy();
      const late = await secretary.post(`/api/uploads/${id}/complete`, { title: 'Tờ trình số 15' });
      expect([late.status, late.body.code]).toEqual([409, 'UPLOAD_ALREADY_COMPLETED']);
      // Nobody else learns anything about it.
      expect((await admin.post(`/api/uploads/${id}/complete`, { title: 'x' })).body.code).toBe('UPLOAD_NOT_FOUND');
    });

    it('refuses includeDisabled other than true/false/1/0 with VALIDATION_FAILED', async () => {
      const res = await admin.get('/api/users?includeDisabled=maybe');
      expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain('includeDisabled');
      for (const v of ['true', 'false', '1', '0']) expect([v, (await admin.get(`/api/users?includeDisabled=${v}`)).status]).toEqual([v, 200]);
    });
  });

  describe('7. HTTPS behind a trusted proxy', () => {
    it('sends HSTS and a Secure session cookie when the proxy says the request came over HTTPS', async () => {
      const secure = await loginFrom('10.7.0.1', 'chutoa', DEMO_PASSWORD, { 'x-forwarded-proto': 'https' });
      expect(secure.res.status).toBe(200);
      expect(secure.res.headers.get('strict-transport-security')).toBe('max-age=15552000; includeSubDomains');
      expect(secure.res.setCookie).toMatch(/;\s*Secure/i);
      const health = await fetch(`${t.baseUrl}/api/health`, { headers: { 'x-forwarded-proto': 'https' } });
      expect(health.headers.get('strict-transport-security')).toBe('max-age=15552000; includeSubDomains');

      const plain = await loginFrom('10.7.0.2', 'chutoa');
      expect(plain.res.status).toBe(200);
      expect(plain.res.headers.get('strict-transport-security')).toBeNull();
      expect(plain.res.setCookie).not.toMatch(/;\s*Secure/i);
    });
  });
});

describe(`production defaults (${ENGINE})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ NODE_ENV: 'production' });
  });
  afterAll(() => t.destroy());

  it('8. does not publish /api/docs unless API_DOCS=true', async () => {
    for (const path of ['/api/docs', '/api/docs-json', '/api/docs/']) {
      const res = await fetch(`${t.baseUrl}${path}`);
      expect([path, res.status]).toEqual([path, 404]);
    }
  });

  it('7. ignores X-Forwarded-Proto without a trusted proxy: no HSTS over plain HTTP', async () => {
    const res = await fetch(`${t.baseUrl}/api/health`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });
});
