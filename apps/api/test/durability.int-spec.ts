import { Browser, ENGINE, signedIn, startTestApp } from './support/test-app';

describe(`restart (${ENGINE})`, () => {
  it('keeps accounts, units and sessions across a restart, and does not seed twice', async () => {
    const first = await startTestApp();
    const admin = await signedIn(first.baseUrl, 'quantri');
    const created = await admin.post('/api/users', { username: 'con.lai', fullName: 'Người Còn Lại', password: 'VanCon2026', roles: ['delegate'] });
    expect(created.status).toBe(201);
    const unitsBefore = (await admin.get('/api/org/units')).body.length;
    await first.stop();

    const second = await startTestApp({}, { dataDir: first.dataDir, databaseUrl: first.databaseUrl });
    try {
      const again = new Browser(second.baseUrl);
      again.cookie = admin.cookie;
      expect((await again.get('/api/auth/me')).status).toBe(200);
      expect((await again.get('/api/org/units')).body.length).toBe(unitsBefore);
      expect((await new Browser(second.baseUrl).login('con.lai', 'VanCon2026')).user.fullName).toBe('Người Còn Lại');
      const users = (await again.get('/api/users?includeDisabled=true')).body as { username: string }[];
      expect(users.filter((u) => u.username === 'quantri')).toHaveLength(1);
    } finally {
      await second.destroy();
    }
  });

  it('without demo data starts with only the configured first administrator, who must change the password', async () => {
    const t = await startTestApp({ SEED_DEMO_DATA: 'false', FIRST_ADMIN_USERNAME: 'admin.tinh', FIRST_ADMIN_PASSWORD: 'BatDau2026x' });
    try {
      expect((await new Browser(t.baseUrl).post('/api/auth/login', { username: 'quantri', password: 'PhongHop@2026' })).status).toBe(401);
      const admin = new Browser(t.baseUrl);
      const session = await admin.login('admin.tinh', 'BatDau2026x');
      expect(session.user).toMatchObject({ roles: ['admin'], mustChangePassword: true });
      expect((await admin.get('/api/users?includeDisabled=true')).body).toHaveLength(1);
      expect((await admin.get('/api/org/tree')).body).toEqual([]);
    } finally {
      await t.destroy();
    }
  });
});
