import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SESSION_COOKIE } from '@phonghop/contracts';
import { DEMO_PASSWORD } from '@phonghop/server-demo-seed';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '../../src/app/config';
import { createApp } from '../../src/app/create-app';

/**
 * A real API on a real database: a fresh SQLite file in a temp folder, or, when TEST_DATABASE_URL names a
 * PostgreSQL server (CI sets it), a fresh database created there for this app and dropped afterwards.
 */
export interface TestApp {
  app: NestExpressApplication;
  baseUrl: string;
  dataDir: string;
  databaseUrl?: string;
  /** Stops the server; the data stays until `destroy`. */
  stop(): Promise<void>;
  destroy(): Promise<void>;
}

export const ENGINE = process.env['TEST_DATABASE_URL'] ? 'postgres' : 'sqlite';

/** A new, empty database on the PostgreSQL server `adminUrl` names; its URL. */
export async function createPostgresDatabase(adminUrl: string): Promise<string> {
  const name = `phonghop_test_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropPostgresDatabase(adminUrl: string, dbUrl: string): Promise<void> {
  const name = new URL(dbUrl).pathname.slice(1);
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}

export async function startTestApp(env: Record<string, string> = {}, reuse?: { dataDir: string; databaseUrl?: string }): Promise<TestApp> {
  const dataDir = reuse?.dataDir ?? mkdtempSync(join(tmpdir(), 'phonghop-test-'));
  const adminUrl = process.env['TEST_DATABASE_URL'];
  const databaseUrl = reuse ? reuse.databaseUrl : adminUrl ? await createPostgresDatabase(adminUrl) : undefined;
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    WEB_DIST_DIR: join(dataDir, 'no-web-app'),
    LOGIN_RATE_PER_MINUTE: '1000',
    // Tests send requests far faster than people do (261 notices in a row); abuse.int-spec sets the real limits.
    REALTIME_EVENTS_PER_SECOND: '100000',
    REALTIME_EVENT_BURST: '100000',
    // Media workers only where a test asks for them (conference tests): each is a process.
    CONFERENCE_WORKERS: '0',
    CONFERENCE_LISTEN_IP: '127.0.0.1',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...env,
  });
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const stop = () => app.close();
  return {
    app,
    baseUrl,
    dataDir,
    databaseUrl,
    stop,
    async destroy() {
      await stop();
      if (adminUrl && databaseUrl) await dropPostgresDatabase(adminUrl, databaseUrl);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A tiny HTTP client with one session cookie, like one browser. */
export class Browser {
  cookie: string | undefined;

  constructor(private readonly baseUrl: string) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.cookie ? { cookie: `${SESSION_COOKIE}=${this.cookie}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    if (setCookie) {
      const value = setCookie.split(';')[0].slice(SESSION_COOKIE.length + 1);
      this.cookie = value || undefined;
    }
    const text = await res.text();
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: res.status, body: json as any, headers: res.headers, setCookie };
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body?: unknown) => this.request('POST', path, body ?? {});
  patch = (path: string, body: unknown) => this.request('PATCH', path, body);
  delete = (path: string) => this.request('DELETE', path);

  async login(username: string, password = DEMO_PASSWORD) {
    const res = await this.post('/api/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }
}

export async function signedIn(baseUrl: string, username: string): Promise<Browser> {
  const b = new Browser(baseUrl);
  await b.login(username);
  return b;
}
