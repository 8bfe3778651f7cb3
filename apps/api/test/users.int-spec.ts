import { Browser, ENGINE, signedIn, startTestApp, type TestApp } from './support/test-app';

describe(`user administration (${ENGINE})`, () => {
  let t: TestApp;
  let admin: Browser;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await signedIn(t.baseUrl, 'quantri');
  });
  afterAll(() => t.destroy());

  const newUser = {
    username: 'tran.thi.b',
    fullName: 'Trần Thị Bình',
    password: 'KhoiTao2026',
    roles: ['delegate'],
    title: 'Phó Giám đốc Sở Tài chính',
  };

  it('admin creates a user who can then sign in and is asked to change the password', async () => {
    const created = await admin.post('/api/users', newUser);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: 'tran.thi.b', roles: ['delegate'], mustChangePassword: true, disabled: false });
    const b = new Browser(t.baseUrl);
    const login = await b.login('tran.thi.b', 'KhoiTao2026');
    expect(login.user.mustChangePassword).toBe(true);
    expect((await b.post('/api/auth/password', { currentPassword: 'KhoiTao2026', newPassword: 'DaDoi2026x' })).status).toBe(204);
    expect((await b.get('/api/auth/me')).body.user.mustChangePassword).toBe(false);
  });

  it('refuses a taken username, a weak password and unknown roles', async () => {
    expect((await admin.post('/api/users', newUser)).body.code).toBe('USERNAME_TAKEN');
    expect((await admin.post('/api/users', { ...newUser, username: 'x.moi', password: '12345678' })).body.code).toBe('AUTH_WEAK_PASSWORD');
    const badRole = await admin.post('/api/users', { ...newUser, username: 'x.moi2', roles: ['emperor'] });
    expect(badRole.status).toBe(400);
    expect(badRole.body.code).toBe('VALIDATION_FAILED');
  });

  it('lets secretaries list people but only admins change accounts', async () => {
    const secretary = await signedIn(t.baseUrl, 'thuky');
    const list = await secretary.get('/api/users?search=tr%E1%BA%A7n');
    expect(list.status).toBe(200);
    expect(list.body.map((u: { username: string }) => u.username)).toContain('tran.thi.b');
    // Without tones and with a capital Đ that SQLite's LOWER would not fold.
    expect((await secretary.get('/api/users?search=tran thi binh')).body.map((u: { username: string }) => u.username)).toEqual(['tran.thi.b']);
    expect((await secretary.get('/api/users?search=%C4%90%E1%BB%96 QUANG')).body.map((u: { username: string }) => u.username)).toEqual(['quantri']);
    expect((await secretary.post('/api/users', { ...newUser, username: 'by.secretary' })).status).toBe(403);
    const delegate = await signedIn(t.baseUrl, 'daibieu');
    const denied = await delegate.get('/api/users');
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('FORBIDDEN');
  });

  it('disabling an account ends its sessions and blocks sign-in', async () => {
    const victim = await signedIn(t.baseUrl, 'khachmoi');
    const { body: users } = await admin.get('/api/users?search=khachmoi');
    const res = await admin.patch(`/api/users/${users[0].id}`, { disabled: true });
    expect(res.body.disabled).toBe(true);
    expect((await victim.get('/api/auth/me')).status).toBe(401);
    const again = await new Browser(t.baseUrl).post('/api/auth/login', { username: 'khachmoi', password: 'PhongHop@2026' });
    expect(again.status).toBe(403);
    expect(again.body.code).toBe('AUTH_ACCOUNT_DISABLED');
    expect((await admin.get('/api/users')).body.some((u: { username: string }) => u.username === 'khachmoi')).toBe(false);
    expect((await admin.get('/api/users?includeDisabled=true')).body.some((u: { username: string }) => u.username === 'khachmoi')).toBe(true);
  });

  it('an admin cannot disable their own account or drop their own admin role', async () => {
    const me = (await admin.get('/api/auth/me')).body.user;
    expect((await admin.patch(`/api/users/${me.id}`, { disabled: true })).body.code).toBe('USER_CANNOT_DISABLE_SELF');
    expect((await admin.patch(`/api/users/${me.id}`, { roles: ['delegate'] })).body.code).toBe('USER_CANNOT_DISABLE_SELF');
  });

  it('resetting a password signs the user out everywhere and forces a change', async () => {
    const user = await signedIn(t.baseUrl, 'chutoa');
    const { body: found } = await admin.get('/api/users?search=chutoa');
    expect((await admin.post(`/api/users/${found[0].id}/reset-password`, { newPassword: 'TamThoi2026' })).status).toBe(204);
    expect((await user.get('/api/auth/me')).status).toBe(401);
    const login = await new Browser(t.baseUrl).login('chutoa', 'TamThoi2026');
    expect(login.user.mustChangePassword).toBe(true);
  });

  it('answers USER_NOT_FOUND for an unknown id and VALIDATION for a malformed one', async () => {
    expect((await admin.get('/api/users/00000000-0000-4000-8000-000000000000')).body.code).toBe('USER_NOT_FOUND');
    expect((await admin.get('/api/users/not-a-uuid')).status).toBe(400);
  });
});
