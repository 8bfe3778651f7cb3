import { DEMO_PASSWORD } from '@phonghop/server-demo-seed';
import { DataSource } from 'typeorm';
import { Browser, ENGINE, signedIn, startTestApp, type TestApp } from './support/test-app';

describe(`authentication (${ENGINE})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    // Delays start after 3 wrong passwords per account and address, account-wide after 8 from all addresses.
    t = await startTestApp({ TRUST_PROXY_HOPS: '1', LOGIN_FREE_FAILURES: '3', LOGIN_ACCOUNT_FREE_FAILURES: '8' });
  });
  afterAll(() => t.destroy());

  it('signs in with the demo password and sets an httpOnly SameSite=Strict cookie', async () => {
    const b = new Browser(t.baseUrl);
    const res = await b.post('/api/auth/login', { username: 'thuky', password: 'PhongHop@2026' });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ username: 'thuky', roles: ['secretary'], fullName: 'Nguyễn Thị Thu Hà' });
    expect(res.body.user.passwordHash).toBeUndefined();
    expect(res.setCookie).toMatch(/HttpOnly/);
    expect(res.setCookie).toMatch(/SameSite=Strict/);
    const me = await b.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe('thuky');
  });

  it('usernames are case-insensitive', async () => {
    const b = new Browser(t.baseUrl);
    expect((await b.post('/api/auth/login', { username: '  ThuKy ', password: 'PhongHop@2026' })).status).toBe(200);
  });

  it('answers a wrong password and an unknown user with the same clear bilingual error', async () => {
    const b = new Browser(t.baseUrl);
    const wrong = await b.post('/api/auth/login', { username: 'daibieu', password: 'sai-mat-khau-1' });
    const unknown = await b.post('/api/auth/login', { username: 'khong.ton.tai', password: 'sai-mat-khau-1' });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({
        statusCode: 401,
        code: 'AUTH_INVALID_CREDENTIALS',
        message: { vi: 'Tên đăng nhập hoặc mật khẩu không đúng.', en: 'Wrong username or password.' },
      });
    }
    expect(b.cookie).toBeUndefined();
  });

  describe('wrong passwords slow the guesser down, never lock the owner out (issue 15, finding 3)', () => {
    /** A sign-in from a given client address (TRUST_PROXY_HOPS=1: the proxy's X-Forwarded-For). */
    async function loginFrom(ip: string, username: string, password: string) {
      const b = new Browser(t.baseUrl);
      const res = await b.request('POST', '/api/auth/login', { username, password }, { 'x-forwarded-for': ip });
      return { b, res };
    }
    const ATTACKER = '203.0.113.66';
    const sleep = (seconds: number) => new Promise((r) => setTimeout(r, seconds * 1000 + 50));

    it('answers the guesser’s address 429 with Retry-After while the administrator still signs in from another address', async () => {
      expect((await loginFrom(ATTACKER, 'quantri', 'doan-sai-1')).res.status).toBe(401);
      expect((await loginFrom(ATTACKER, 'quantri', 'doan-sai-2')).res.status).toBe(401);
      const third = (await loginFrom(ATTACKER, 'quantri', 'doan-sai-3')).res;
      expect([third.status, third.body.code, third.headers.get('retry-after'), third.body.retryAfterSeconds]).toEqual([429, 'AUTH_TOO_MANY_ATTEMPTS', '1', 1]);
      expect(third.body.message).toEqual({
        vi: 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 1 giây.',
        en: 'Too many failed sign-in attempts. Try again in 1 second.',
      });
      // While it waits, the address is refused before the password is even checked: the right one too.
      const right = (await loginFrom(ATTACKER, 'quantri', DEMO_PASSWORD)).res;
      expect([right.status, right.body.code]).toEqual([429, 'AUTH_TOO_MANY_ATTEMPTS']);
      expect(right.setCookie).toBeUndefined();
      // The real administrator, at their desk: signs in at once.
      const owner = await loginFrom('10.20.0.1', 'quantri', DEMO_PASSWORD);
      expect(owner.res.status).toBe(200);
      expect((await owner.b.get('/api/auth/me')).body.user.username).toBe('quantri');
      // Other accounts from the guesser's address are not slowed down by it either.
      expect((await loginFrom(ATTACKER, 'chutoa', DEMO_PASSWORD)).res.status).toBe(200);
    });

    it('makes the guesser wait longer after each further wrong password', async () => {
      const waits: number[] = [];
      let wait = 1; // what the third wrong password imposed
      for (let i = 0; i < 2; i++) {
        await sleep(wait);
        const res = (await loginFrom(ATTACKER, 'quantri', `doan-sai-${4 + i}`)).res;
        expect([res.status, res.body.code]).toEqual([429, 'AUTH_TOO_MANY_ATTEMPTS']);
        wait = Number(res.headers.get('retry-after'));
        waits.push(wait);
      }
      expect(waits).toEqual([2, 4]);
      const early = (await loginFrom(ATTACKER, 'quantri', DEMO_PASSWORD)).res;
      expect(early.status).toBe(429);
      expect(early.body.message.vi).toMatch(/Vui lòng thử lại sau [1-4] giây\./);
    });

    it('an administrator clears the delays of an account; others may not', async () => {
      const me = await signedIn(t.baseUrl, 'quantri');
      const id = (await me.get('/api/users?search=quantri')).body[0].id as string;
      expect((await loginFrom(ATTACKER, 'quantri', DEMO_PASSWORD)).res.status).toBe(429);

      const secretary = await signedIn(t.baseUrl, 'thuky');
      const refused = await secretary.post(`/api/users/${id}/unlock`);
      expect([refused.status, refused.body.code]).toEqual([403, 'FORBIDDEN']);
      expect((await new Browser(t.baseUrl).post(`/api/users/${id}/unlock`)).status).toBe(401);
      expect((await me.post('/api/users/00000000-0000-4000-8000-000000000000/unlock')).body.code).toBe('USER_NOT_FOUND');
      expect((await loginFrom(ATTACKER, 'quantri', DEMO_PASSWORD)).res.status).toBe(429);

      expect((await me.post(`/api/users/${id}/unlock`)).status).toBe(204);
      expect((await loginFrom(ATTACKER, 'quantri', DEMO_PASSWORD)).res.status).toBe(200);
    });

    it('has a ceiling per account: wrong passwords from many addresses slow the whole account down, briefly', async () => {
      for (let i = 1; i < 8; i++) expect((await loginFrom(`198.51.100.${i}`, 'khachmoi', 'doan-sai-1')).res.status).toBe(401);
      const eighth = (await loginFrom('198.51.100.8', 'khachmoi', 'doan-sai-1')).res;
      expect([eighth.status, eighth.headers.get('retry-after')]).toEqual([429, '1']);
      const owner = (await loginFrom('10.20.0.9', 'khachmoi', DEMO_PASSWORD)).res;
      expect([owner.status, owner.headers.get('retry-after')]).toEqual([429, '1']);
      await sleep(1);
      expect((await loginFrom('10.20.0.9', 'khachmoi', DEMO_PASSWORD)).res.status).toBe(200);
    });

    it('throttles unknown usernames the same way, so a 429 does not reveal whether an account exists', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await loginFrom('203.0.113.77', 'khong.ton.tai', 'doan-sai-1')).res.status);
      expect(statuses).toEqual([401, 401, 429]);
    });
  });

  it('rejects malformed bodies with VALIDATION_FAILED and field details', async () => {
    const b = new Browser(t.baseUrl);
    const res = await b.post('/api/auth/login', { username: 'thuky', extra: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.message.vi).toBeTruthy();
    const fields = res.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['password', 'extra']));
    const broken = await b.request('POST', '/api/auth/login', '{"username": ', { 'content-type': 'application/json' });
    expect(broken.status).toBe(400);
    expect(broken.body.code).toBe('MALFORMED_REQUEST');
  });

  it('requires a session everywhere except login and health', async () => {
    const anon = new Browser(t.baseUrl);
    for (const path of ['/api/auth/me', '/api/meetings/mine', '/api/users', '/api/org/tree']) {
      const res = await anon.get(path);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('AUTH_REQUIRED');
    }
    expect((await anon.get('/api/health')).status).toBe(200);
    const forged = new Browser(t.baseUrl);
    forged.cookie = 'not-a-real-session-token';
    expect((await forged.get('/api/auth/me')).status).toBe(401);
  });

  it('answers unknown routes with NOT_FOUND in the one error format', async () => {
    const b = await signedIn(t.baseUrl, 'thuky');
    const res = await b.get('/api/khong-co');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'NOT_FOUND', message: { vi: expect.any(String), en: expect.any(String) } });
  });

  it('logout ends the session on the server, not only in the browser', async () => {
    const b = await signedIn(t.baseUrl, 'chutoa');
    const token = b.cookie;
    expect((await b.post('/api/auth/logout')).status).toBe(204);
    const replay = new Browser(t.baseUrl);
    replay.cookie = token;
    expect((await replay.get('/api/auth/me')).status).toBe(401);
  });

  it('stores only a hash of the session token and an argon2id hash of the password', async () => {
    const b = await signedIn(t.baseUrl, 'daibieu');
    const db = t.app.get(DataSource);
    const sessions: { token_hash: string }[] = await db.query('SELECT token_hash FROM user_session');
    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions.some((s) => s.token_hash === b.cookie)).toBe(false);
    expect(sessions.every((s) => /^[0-9a-f]{64}$/.test(s.token_hash))).toBe(true);
    const [user]: { password_hash: string }[] = await db.query(`SELECT password_hash FROM app_user WHERE username = 'daibieu'`);
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('changes the password: checks the current one and strength, keeps this device, signs out the others', async () => {
    const phone = await signedIn(t.baseUrl, 'diemcau.phuloc');
    const tablet = await signedIn(t.baseUrl, 'diemcau.phuloc');
    const wrong = await tablet.post('/api/auth/password', { currentPassword: 'khong-dung-1', newPassword: 'MatKhauMoi2027' });
    expect(wrong.body.code).toBe('AUTH_WRONG_CURRENT_PASSWORD');
    const weak = await tablet.post('/api/auth/password', { currentPassword: 'PhongHop@2026', newPassword: 'ngan' });
    expect(weak.status).toBe(400);
    expect(weak.body.code).toBe('AUTH_WEAK_PASSWORD');
    expect((await tablet.post('/api/auth/password', { currentPassword: 'PhongHop@2026', newPassword: 'MatKhauMoi2027' })).status).toBe(204);
    expect((await tablet.get('/api/auth/me')).status).toBe(200);
    expect((await phone.get('/api/auth/me')).status).toBe(401);
    const fresh = new Browser(t.baseUrl);
    expect((await fresh.post('/api/auth/login', { username: 'diemcau.phuloc', password: 'PhongHop@2026' })).status).toBe(401);
    expect((await fresh.post('/api/auth/login', { username: 'diemcau.phuloc', password: 'MatKhauMoi2027' })).status).toBe(200);
  });
});
