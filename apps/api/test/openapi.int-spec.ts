import { Browser, ENGINE, startTestApp, type TestApp } from './support/test-app';

describe(`OpenAPI and health (${ENGINE})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.destroy());

  it('publishes an OpenAPI document generated from the DTOs', async () => {
    const res = await new Browser(t.baseUrl).get('/api/docs-json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/users', '/api/users/{id}', '/api/org/tree', '/api/meetings/mine', '/api/health']),
    );
    expect(res.body.components.schemas.CreateUserBody.required).toEqual(expect.arrayContaining(['username', 'fullName', 'password', 'roles']));
    expect(res.body.components.schemas.CreateUserBody.properties.roles.items.enum).toContain('site_operator');
    const ui = await fetch(`${t.baseUrl}/api/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
  });

  it('reports health without a session and sends security headers', async () => {
    const res = await new Browser(t.baseUrl).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.info.database.status).toBe('up');
    // Conferences are off in this app (no workers configured): nothing to be down.
    expect(res.body.info.media).toEqual({ status: 'up', configured: 0, up: 0 });
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
