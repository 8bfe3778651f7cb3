import { plainToInstance, Transform } from 'class-transformer';
import type { ConferenceOptions } from '@phonghop/server-conference';
import { availableParallelism, networkInterfaces } from 'node:os';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsTimeZone, IsUrl, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

const bool = ({ value }: { value: unknown }) => (typeof value === 'string' ? ['1', 'true', 'yes', 'on'].includes(value.toLowerCase()) : value);
const int = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value);

/** Every setting the API reads from the environment, validated at start-up (see docs/operations.md). */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(int) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** Folder for the SQLite file and, later, documents. */
  @IsString()
  DATA_DIR = 'data';

  /** postgres://user:pass@host:5432/db selects PostgreSQL; empty means embedded SQLite. */
  @IsOptional() @IsString()
  DATABASE_URL?: string;

  /**
   * redis://host:6379 turns on several API processes (behind nginx, sharing PostgreSQL, this Redis and DATA_DIR);
   * see docs/operations.md. Needs DATABASE_URL on PostgreSQL.
   */
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true, protocols: ['redis', 'rediss'] })
  REDIS_URL?: string;

  /** Create demo units, accounts and a meeting on the first start. Turn off in production. */
  @Transform(bool) @IsBoolean()
  SEED_DEMO_DATA = true;

  @Transform(int) @IsInt() @Min(1) @Max(24 * 90)
  SESSION_IDLE_HOURS = 12;

  /** Wrong passwords for one account from one client address before sign-in delays start (1 s, doubling). */
  @Transform(int) @IsInt() @Min(1) @Max(100)
  LOGIN_FREE_FAILURES = 5;

  /** The longest delay between sign-in attempts for one account from one address. */
  @Transform(int) @IsInt() @Min(1) @Max(1440)
  LOGIN_MAX_DELAY_MINUTES = 15;

  /** Wrong passwords for one account from all addresses together before account-wide delays start. */
  @Transform(int) @IsInt() @Min(1) @Max(100000)
  LOGIN_ACCOUNT_FREE_FAILURES = 100;

  /** The longest account-wide delay (short: it slows the account's owner down too). */
  @Transform(int) @IsInt() @Min(1) @Max(3600)
  LOGIN_ACCOUNT_MAX_DELAY_SECONDS = 60;

  /** Login attempts per client address per minute. */
  @Transform(int) @IsInt() @Min(1) @Max(100000)
  LOGIN_RATE_PER_MINUTE = 20;

  /** Mark the session cookie Secure. Defaults to on when TLS is configured. */
  @IsOptional() @Transform(bool) @IsBoolean()
  COOKIE_SECURE?: boolean;

  @IsOptional() @IsString()
  TLS_CERT_FILE?: string;

  @IsOptional() @IsString()
  TLS_KEY_FILE?: string;

  /** The built Angular app to serve; defaults to dist/apps/web/browser when it exists. */
  @IsOptional() @IsString()
  WEB_DIST_DIR?: string;

  /** First administrator of an empty database when demo data is off (see docs/operations.md). */
  @IsOptional() @IsString()
  FIRST_ADMIN_USERNAME?: string;

  @IsOptional() @IsString()
  FIRST_ADMIN_PASSWORD?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /**
   * The IANA zone meeting times are shown in, whatever the zone of the device showing them (a tablet left on UTC
   * would otherwise show an 08:00 meeting at 01:00). One zone per server: a province's meetings share its clock.
   */
  @IsTimeZone()
  MEETING_TIME_ZONE = 'Asia/Ho_Chi_Minh';

  /** Serve the OpenAPI document and Swagger UI at /api/docs. Defaults to on, except in production. */
  @IsOptional() @Transform(bool) @IsBoolean()
  API_DOCS?: boolean;

  /** Number of reverse proxies in front of the API (for client addresses in rate limits and logs). */
  @Transform(int) @IsInt() @Min(0) @Max(10)
  TRUST_PROXY_HOPS = 0;

  /** Requests one socket may send per second (a token bucket), and the burst it may send at once (see RealtimeLimits). */
  @Transform(int) @IsInt() @Min(1) @Max(100000)
  REALTIME_EVENTS_PER_SECOND = 50;

  @Transform(int) @IsInt() @Min(1) @Max(100000)
  REALTIME_EVENT_BURST = 200;

  /** Open realtime connections per client address (IPv4, or IPv6 /64): a hall behind one NAT needs one per tablet. */
  @Transform(int) @IsInt() @Min(1) @Max(1000000)
  REALTIME_CONNECTIONS_PER_ADDRESS = 500;

  /** The largest socket message accepted; a bigger one closes that connection. */
  @Transform(int) @IsInt() @Min(1024) @Max(100 * 1024 * 1024)
  REALTIME_MAX_MESSAGE_BYTES = 256 * 1024;

  /** mediasoup workers for online conferences (one per core by default; 0 turns conferences off). */
  @IsOptional() @Transform(int) @IsInt() @Min(0) @Max(64)
  CONFERENCE_WORKERS?: number;

  /** Address the media workers listen on (UDP, with TCP as fallback). */
  @IsString()
  CONFERENCE_LISTEN_IP = '0.0.0.0';

  /** The server's address as browsers on the LAN reach it (ICE candidates); needed when listening on 0.0.0.0. */
  @IsOptional() @IsString()
  CONFERENCE_ANNOUNCED_ADDRESS?: string;

  @Transform(int) @IsInt() @Min(1024) @Max(65535)
  CONFERENCE_RTC_MIN_PORT = 40000;

  @Transform(int) @IsInt() @Min(1024) @Max(65535)
  CONFERENCE_RTC_MAX_PORT = 49999;

  /** One UDP+TCP port per worker (this, this + 1, …) instead of a port range: for firewalled LANs. */
  @IsOptional() @Transform(int) @IsInt() @Min(1024) @Max(65535)
  CONFERENCE_WEBRTC_SERVER_PORT?: number;

  /** Keep one idle media worker ready to replace one that crashes (one more process, ≈ 10 MB, no CPU). */
  @Transform(bool) @IsBoolean()
  CONFERENCE_SPARE_WORKER = true;

  /** This server's name when it links conferences to an upper-level server (letters, digits, - and _). */
  @IsOptional() @Matches(/^[a-z0-9_-]{2,64}$/i)
  CASCADE_SERVER_NAME?: string;

  /** Lower-level servers allowed to link here: `name=secret,name=secret`; each secret at least 32 characters. */
  @IsOptional() @Matches(/^[a-z0-9_-]{2,64}=[^,=\s]{32,}(,[a-z0-9_-]{2,64}=[^,=\s]{32,})*$/i, {
    message: 'CASCADE_LOWER_SERVERS: name=secret,… with names of letters, digits, - and _, and secrets of 32+ characters',
  })
  CASCADE_LOWER_SERVERS?: string;

  /** The upper-level server (its https:// address) this server links meetings to. */
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  CASCADE_UPPER_URL?: string;

  /** The secret agreed with the upper server's administrator for this server (32+ characters). */
  @IsOptional() @IsString() @MinLength(32)
  CASCADE_UPPER_SECRET?: string;

  /** The organisation signing key as a PKCS#12 file (.p12/.pfx) and its password (or a file holding it). */
  @IsOptional() @IsString()
  SIGNING_P12_FILE?: string;

  @IsOptional() @IsString()
  SIGNING_P12_PASSWORD?: string;

  @IsOptional() @IsString()
  SIGNING_P12_PASSWORD_FILE?: string;

  /** The organisation signing key on a PKCS#11 token or HSM: the vendor's module, token and key labels, PIN. */
  @IsOptional() @IsString()
  SIGNING_PKCS11_MODULE?: string;

  @IsOptional() @IsString()
  SIGNING_PKCS11_TOKEN_LABEL?: string;

  @IsOptional() @IsString()
  SIGNING_PKCS11_KEY_LABEL?: string;

  @IsOptional() @IsString()
  SIGNING_PKCS11_PIN?: string;

  @IsOptional() @IsString()
  SIGNING_PKCS11_PIN_FILE?: string;

  /** PEM file of the CA certificates completing the organisation key's chain. */
  @IsOptional() @IsString()
  SIGNING_CHAIN_FILE?: string;

  /** RFC 3161 timestamp authority (http/https): signatures become PAdES B-T. */
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  SIGNING_TSA_URL?: string;

  /** Folder of trusted CA certificates for checking signatures (default DATA_DIR/trust-anchors). */
  @IsOptional() @IsString()
  SIGNATURE_TRUST_DIR?: string;

  /** TrueType font with Vietnamese letters for visible signature blocks (default DejaVu Sans). */
  @IsOptional() @IsString()
  SIGNATURE_FONT_FILE?: string;

  get firstAdmin(): { username: string; password: string } | undefined {
    if (this.SEED_DEMO_DATA || !this.FIRST_ADMIN_USERNAME || !this.FIRST_ADMIN_PASSWORD) return undefined;
    return { username: this.FIRST_ADMIN_USERNAME, password: this.FIRST_ADMIN_PASSWORD };
  }

  get apiDocs(): boolean {
    return this.API_DOCS ?? this.NODE_ENV !== 'production';
  }

  get cookieSecure(): boolean {
    return this.COOKIE_SECURE ?? !!this.TLS_CERT_FILE;
  }
}

export class ConfigError extends Error {}

/** Optional settings have no default, so they are not among the instance's own keys. */
const OPTIONAL_KEYS = new Set([
  'DATABASE_URL',
  'REDIS_URL',
  'COOKIE_SECURE',
  'API_DOCS',
  'TLS_CERT_FILE',
  'TLS_KEY_FILE',
  'WEB_DIST_DIR',
  'FIRST_ADMIN_USERNAME',
  'FIRST_ADMIN_PASSWORD',
  'CONFERENCE_WORKERS',
  'CONFERENCE_ANNOUNCED_ADDRESS',
  'CONFERENCE_WEBRTC_SERVER_PORT',
  'CASCADE_SERVER_NAME',
  'CASCADE_LOWER_SERVERS',
  'CASCADE_UPPER_URL',
  'CASCADE_UPPER_SECRET',
  'SIGNING_P12_FILE',
  'SIGNING_P12_PASSWORD',
  'SIGNING_P12_PASSWORD_FILE',
  'SIGNING_PKCS11_MODULE',
  'SIGNING_PKCS11_TOKEN_LABEL',
  'SIGNING_PKCS11_KEY_LABEL',
  'SIGNING_PKCS11_PIN',
  'SIGNING_PKCS11_PIN_FILE',
  'SIGNING_CHAIN_FILE',
  'SIGNING_TSA_URL',
  'SIGNATURE_TRUST_DIR',
  'SIGNATURE_FONT_FILE',
]);

/** Reads and validates the environment; the message lists every bad variable at once. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const picked = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => v !== undefined && v !== '' && OPTIONAL_KEYS.has(k) || known.includes(k)),
  );
  const config = plainToInstance(AppConfig, picked);
  const errors = validateSync(config, { skipMissingProperties: false });
  if (!errors.length && !!config.CASCADE_UPPER_URL !== !!(config.CASCADE_UPPER_SECRET && config.CASCADE_SERVER_NAME)) {
    throw new ConfigError('Cấu hình không hợp lệ (invalid configuration):\n  CASCADE_UPPER_URL needs CASCADE_UPPER_SECRET and CASCADE_SERVER_NAME, and they need it');
  }
  if (!errors.length && config.REDIS_URL && !/^postgres(ql)?:/.test(config.DATABASE_URL ?? '')) {
    throw new ConfigError('Cấu hình không hợp lệ (invalid configuration):\n  REDIS_URL (several API processes) needs DATABASE_URL on PostgreSQL');
  }
  if (errors.length) {
    const lines = errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`Cấu hình không hợp lệ (invalid configuration):\n${lines.join('\n')}`);
  }
  return config;
}

/** The media server's settings: one worker per core unless configured, the LAN address announced to browsers. */
export function conferenceOptions(config: AppConfig): ConferenceOptions {
  return {
    workers: config.CONFERENCE_WORKERS ?? availableParallelism(),
    listenIp: config.CONFERENCE_LISTEN_IP,
    announcedAddress: config.CONFERENCE_ANNOUNCED_ADDRESS ?? (config.CONFERENCE_LISTEN_IP === '0.0.0.0' ? lanAddress() : undefined),
    rtcMinPort: config.CONFERENCE_RTC_MIN_PORT,
    rtcMaxPort: config.CONFERENCE_RTC_MAX_PORT,
    webRtcServerPort: config.CONFERENCE_WEBRTC_SERVER_PORT,
    spareWorker: config.CONFERENCE_SPARE_WORKER,
    loadSampleMs: 1000,
    dataDir: config.DATA_DIR,
    cascade: {
      serverName: config.CASCADE_SERVER_NAME,
      lowerServers: new Map(
        (config.CASCADE_LOWER_SERVERS ?? '')
          .split(',')
          .filter(Boolean)
          .map((pair) => pair.split('=') as [string, string]),
      ),
      upper: config.CASCADE_UPPER_URL && config.CASCADE_UPPER_SECRET ? { url: config.CASCADE_UPPER_URL, secret: config.CASCADE_UPPER_SECRET } : undefined,
    },
  };
}

/** The first non-internal IPv4 address, or loopback on a machine without a network. */
function lanAddress(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}
