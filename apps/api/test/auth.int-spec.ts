import { UserEntity } from '@phonghop/server-identity';
import { DataSource } from 'typeorm';
import { Browser, ENGINE, signedIn, startTestApp, type TestApp } from './support/test-app';

describe(`authentication (${ENGINE})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_MINUTES: '5' });
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

  it('locks an account after repeated failures, even for the right password, then unlocks after the lock time', async () => {
    const b = new Browser(t.baseUrl);
    for (let i = 0; i < 2; i++) expect((await b.post('/api/auth/login', { username: 'khachmoi', password: 'doan-sai-1' })).status).toBe(401);
    const third = await b.post('/api/auth/login', { username: 'khachmoi', password: 'doan-sai-1' });
    expect(third.status).toBe(429);
    expect(third.body.code).toBe('AUTH_TOO_MANY_ATTEMPTS');
    const right = await b.post('/api/auth/login', { username: 'khachmoi', password: 'PhongHop@2026' });
    expect(right.status).toBe(429);
    // Move the lock into the past instead of waiting five minutes.
    await t.app.get(DataSource).getRepository(UserEntity).update({ username: 'khachmoi' }, { lockedUntil: new Date(Date.now() - 1000) });
    expect((await b.post('/api/auth/login', { username: 'khachmoi', password: 'PhongHop@2026' })).status).toBe(200);
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
