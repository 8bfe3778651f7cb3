import { ConfigError, conferenceOptions, loadConfig } from './config';

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

  it('reads the optional conference settings and derives the media server options', () => {
    const config = loadConfig({ CONFERENCE_WORKERS: '0', CONFERENCE_ANNOUNCED_ADDRESS: '10.0.0.5', CONFERENCE_WEBRTC_SERVER_PORT: '40000', CONFERENCE_LISTEN_IP: '0.0.0.0' });
    expect(conferenceOptions(config)).toMatchObject({ workers: 0, announcedAddress: '10.0.0.5', webRtcServerPort: 40000, listenIp: '0.0.0.0' });
    const defaults = conferenceOptions(loadConfig({ CONFERENCE_LISTEN_IP: '127.0.0.1' }));
    expect(defaults.workers).toBeGreaterThanOrEqual(1);
    expect(defaults.announcedAddress).toBeUndefined();
    expect(() => loadConfig({ CONFERENCE_WORKERS: 'many' })).toThrow(/CONFERENCE_WORKERS/);
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
