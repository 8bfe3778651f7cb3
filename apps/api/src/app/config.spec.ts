import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('has working defaults for the embedded setup', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3000, DATA_DIR: 'data', SEED_DEMO_DATA: true, SESSION_IDLE_HOURS: 12 });
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.cookieSecure).toBe(false);
  });

  it('parses numbers and booleans from strings and turns Secure cookies on with TLS', () => {
    const c = loadConfig({ PORT: '8443', SEED_DEMO_DATA: 'false', TLS_CERT_FILE: '/etc/c.pem', TLS_KEY_FILE: '/etc/k.pem' });
    expect(c.PORT).toBe(8443);
    expect(c.SEED_DEMO_DATA).toBe(false);
    expect(c.cookieSecure).toBe(true);
  });

  it('names every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud' });
    } catch (e) {
      expect((e as Error).message).toMatch(/PORT/);
      expect((e as Error).message).toMatch(/LOG_LEVEL/);
    }
  });
});
