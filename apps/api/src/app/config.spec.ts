import { ConfigError, conferenceOptions, loadConfig } from './config';

describe('loadConfig', () => {
  it('has working defaults for the embedded setup', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3000, DATA_DIR: 'data', SEED_DEMO_DATA: true, SESSION_IDLE_HOURS: 12 });
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.cookieSecure).toBe(false);
  });

  it('shows meeting times in Vietnam by default, in a configured zone, and refuses an unknown zone', () => {
    expect(loadConfig({}).MEETING_TIME_ZONE).toBe('Asia/Ho_Chi_Minh');
    expect(loadConfig({ MEETING_TIME_ZONE: 'Asia/Bangkok' }).MEETING_TIME_ZONE).toBe('Asia/Bangkok');
    expect(() => loadConfig({ MEETING_TIME_ZONE: 'Hanoi' })).toThrow(/MEETING_TIME_ZONE/);
  });

  it('parses numbers and booleans from strings and turns Secure cookies on with TLS', () => {
    const c = loadConfig({ PORT: '8443', SEED_DEMO_DATA: 'false', TLS_CERT_FILE: '/etc/c.pem', TLS_KEY_FILE: '/etc/k.pem' });
    expect(c.PORT).toBe(8443);
    expect(c.SEED_DEMO_DATA).toBe(false);
    expect(c.cookieSecure).toBe(true);
  });

  it('turns on several processes with REDIS_URL, only on PostgreSQL', () => {
    const pg = 'postgres://phonghop@db.tinh.local/phonghop';
    expect(loadConfig({ DATABASE_URL: pg, REDIS_URL: 'redis://10.0.0.7:6379' }).REDIS_URL).toBe('redis://10.0.0.7:6379');
    expect(loadConfig({ DATABASE_URL: pg }).REDIS_URL).toBeUndefined();
    expect(() => loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(/REDIS_URL .*PostgreSQL/);
    expect(() => loadConfig({ DATABASE_URL: pg, REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(/REDIS_URL/);
  });

  it('reads the optional conference settings and derives the media server options', () => {
    const config = loadConfig({ CONFERENCE_WORKERS: '0', CONFERENCE_ANNOUNCED_ADDRESS: '10.0.0.5', CONFERENCE_WEBRTC_SERVER_PORT: '40000', CONFERENCE_LISTEN_IP: '0.0.0.0' });
    expect(conferenceOptions(config)).toMatchObject({ workers: 0, announcedAddress: '10.0.0.5', webRtcServerPort: 40000, listenIp: '0.0.0.0' });
    const defaults = conferenceOptions(loadConfig({ CONFERENCE_LISTEN_IP: '127.0.0.1' }));
    expect(defaults.workers).toBeGreaterThanOrEqual(1);
    expect(defaults.announcedAddress).toBeUndefined();
    expect(() => loadConfig({ CONFERENCE_WORKERS: 'many' })).toThrow(/CONFERENCE_WORKERS/);
    expect(defaults.spareWorker).toBe(true);
    expect(conferenceOptions(loadConfig({ CONFERENCE_SPARE_WORKER: 'false' })).spareWorker).toBe(false);
  });

  it('reads the cascade settings: lower servers with their secrets, the upper server with ours', () => {
    const secret = 'x'.repeat(40);
    const upper = conferenceOptions(loadConfig({ CASCADE_LOWER_SERVERS: `huyen-phuloc=${secret},huyen-phuvang=${'y'.repeat(32)}` }));
    expect([...upper.cascade.lowerServers]).toEqual([
      ['huyen-phuloc', secret],
      ['huyen-phuvang', 'y'.repeat(32)],
    ]);
    expect(upper.cascade.upper).toBeUndefined();
    const lower = conferenceOptions(loadConfig({ CASCADE_SERVER_NAME: 'huyen-phuloc', CASCADE_UPPER_URL: 'https://hop.tinh.gov.vn', CASCADE_UPPER_SECRET: secret }));
    expect(lower.cascade).toMatchObject({ serverName: 'huyen-phuloc', upper: { url: 'https://hop.tinh.gov.vn', secret } });
    expect(lower.cascade.lowerServers.size).toBe(0);
    // Short secrets, a malformed list, half an upper link are refused at start-up.
    expect(() => loadConfig({ CASCADE_LOWER_SERVERS: 'huyen-phuloc=short' })).toThrow(/CASCADE_LOWER_SERVERS/);
    expect(() => loadConfig({ CASCADE_LOWER_SERVERS: `huyen phuloc=${secret}` })).toThrow(/CASCADE_LOWER_SERVERS/);
    expect(() => loadConfig({ CASCADE_UPPER_URL: 'https://hop.tinh.gov.vn', CASCADE_SERVER_NAME: 'huyen-phuloc' })).toThrow(/CASCADE_UPPER/);
    expect(() => loadConfig({ CASCADE_UPPER_URL: 'https://hop.tinh.gov.vn', CASCADE_UPPER_SECRET: secret })).toThrow(/CASCADE_UPPER/);
    expect(() => loadConfig({ CASCADE_SERVER_NAME: 'huyen-phuloc', CASCADE_UPPER_URL: 'not a url', CASCADE_UPPER_SECRET: secret })).toThrow(/CASCADE_UPPER_URL/);
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

  it('publishes the API docs outside production, and in production only with API_DOCS=true', () => {
    expect(loadConfig({}).apiDocs).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).apiDocs).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).apiDocs).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', API_DOCS: 'true' }).apiDocs).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development', API_DOCS: 'false' }).apiDocs).toBe(false);
  });
});
