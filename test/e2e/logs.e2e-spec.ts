import { type RunningServer, startServer } from './support/server';

describe('server logs', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ LOG_LEVEL: 'debug' });
  });
  afterAll(() => server?.stop());

  it('are JSON lines with request details but never passwords or session tokens', async () => {
    const password = 'PhongHop@2026';
    const login = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'thuky', password }),
    });
    expect(login.status).toBe(200);
    const token = /phonghop_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
    expect(token).toBeTruthy();
    await fetch(`${server.baseUrl}/api/auth/me`, { headers: { cookie: `phonghop_session=${token}` } });
    await fetch(`${server.baseUrl}/api/auth/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `phonghop_session=${token}` },
      body: JSON.stringify({ currentPassword: password, newPassword: 'Bi-Mat-Moi-2027' }),
    });
    await new Promise((r) => setTimeout(r, 300));
    const logs = server.output();
    const lines = logs.split('\n').filter((l) => l.startsWith('{'));
    expect(lines.some((l) => JSON.parse(l).req?.url === '/api/auth/me')).toBe(true);
    expect(logs).not.toContain(password);
    expect(logs).not.toContain('Bi-Mat-Moi-2027');
    expect(logs).not.toContain(token as string);
  });
});
