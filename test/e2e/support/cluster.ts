import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client, Pool } from 'pg';
import { spawnApi } from './server';

const ROOT = resolve(__dirname, '../../..');
const run = promisify(execFile);
/** The documented nginx site (docs/ops/nginx-phonghop.conf): the test runs this very file, placeholders replaced. */
export const NGINX_SITE = join(ROOT, 'docs/ops/nginx-phonghop.conf');

/** Polls a condition every 250 ms (not a fixed sleep); fails with the last value seen. */
export async function eventually<T>(what: string, probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T;
  for (;;) {
    last = await probe();
    if (ok(last)) return last;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms; last ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
const NGINX = '/usr/sbin/nginx';

/** One API process of the cluster. */
export interface ClusterProcess {
  /** Its own address (http://localhost:PORT), bypassing nginx. */
  readonly baseUrl: string;
  readonly pid: number;
  /** The id the process announces in /api/health (`info.redis.process`), as `meeting_lease.owner_id` names it. */
  readonly processId: string;
  readonly alive: boolean;
  /** Sends the signal and waits until the process has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts the process again on the same port with the same settings (after `kill`); it gets a new processId. */
  restart(): Promise<void>;
  /** Everything it printed, over its restarts. */
  output(): string;
}

export interface Cluster {
  /** nginx's HTTPS address (a throw-away self-signed certificate: browsers need ignoreHTTPSErrors). */
  nginxUrl: string;
  /** nginx's plain-HTTP address (it only redirects to HTTPS). */
  nginxHttpUrl: string;
  processes: ClusterProcess[];
  databaseUrl: string;
  redisUrl: string;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Stops Redis and starts a fresh one (empty: it keeps nothing) on the same port. */
  redisRestart(): Promise<void>;
  /** The processes whose health answers (`GET /api/health`) and who owns a meeting's room (`meeting_lease`). */
  ownerOf(meetingId: string): Promise<ClusterProcess | undefined>;
  /** nginx's access log: request, status and the upstream address(es) tried. */
  nginxAccessLog(): string;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  /** API processes (2 by default). */
  processes?: number;
  /**
   * Marks the first process `backup` in the generated upstream so that nginx sends everything to the others while
   * they live (a deterministic test). The only difference from the documented file besides its placeholders.
   */
  firstIsBackup?: boolean;
  /** More environment for every API process. */
  env?: Record<string, string>;
  /** More environment for one API process (0: the first, A), over `env`: e.g. each its own media port range. */
  envFor?: (index: number) => Record<string, string>;
}

/** Parses a test script's KEY=VALUE lines (scripts/postgres-for-tests.sh, scripts/redis-for-tests.sh). */
async function script(name: string, args: string[], env: Record<string, string> = {}): Promise<Record<string, string>> {
  const { stdout } = await run('bash', [join(ROOT, 'scripts', name), ...args], { cwd: ROOT, env: { ...process.env, ...env }, timeout: 300_000 });
  const out: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) out[m[1]] = m[2];
  }
  return out;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolvePort(port));
    });
  });
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, detail: () => string = () => ''): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms ${lastError}\n${detail()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The process id a running API announces in its health answer, once Redis is up for it. */
async function healthProcessId(baseUrl: string): Promise<string | undefined> {
  const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(3000) });
  const body = (await res.json()) as { info?: { redis?: { status?: string; process?: string } } };
  const redis = body.info?.redis;
  return redis?.status === 'up' && redis.process ? redis.process : undefined;
}

/**
 * The documented site file with its marked lines replaced: the test's upstream servers (with the documented
 * server parameters), its ports and its certificate. Every marker must be found, so a change of the documented
 * file that the test would no longer cover fails here.
 */
export function nginxSiteForTest(site: string, o: { upstreams: string[]; backupFirst: boolean; httpsPort: number; httpPort: number; cert: string; key: string }): string {
  const lines = site.split('\n');
  const out: string[] = [];
  const seen = new Set<string>();
  let inUpstream = false;
  let params: string | undefined;
  for (const line of lines) {
    if (line.includes('# PHONGHOP_UPSTREAM_SERVERS')) {
      inUpstream = true;
      seen.add('upstream');
      out.push(line);
      continue;
    }
    if (line.includes('# END PHONGHOP_UPSTREAM_SERVERS')) {
      inUpstream = false;
      if (params === undefined) throw new Error(`${NGINX_SITE}: no server line between the PHONGHOP_UPSTREAM_SERVERS markers`);
      // Only difference from the documented file (besides the placeholders): with backupFirst, the first process is
      // `backup`, so that nginx sends everything to the other one while it lives and the test knows where clients land.
      o.upstreams.forEach((addr, i) => out.push(`    server ${addr}${params ? ` ${params}` : ''}${o.backupFirst && i === 0 ? ' backup' : ''};`));
      out.push(line);
      continue;
    }
    if (inUpstream) {
      const m = /^\s*server\s+\S+\s*([^;]*);/.exec(line);
      if (m && params === undefined) params = m[1].trim();
      if (!m) out.push(line);
      continue;
    }
    const replaceFirstArg = (marker: string, value: string) => {
      seen.add(marker);
      return line.replace(/^(\s*\S+\s+)\S+?(;|\s)/, `$1${value}$2`);
    };
    if (line.includes('# PHONGHOP_LISTEN_HTTPS')) out.push(replaceFirstArg('https', `127.0.0.1:${o.httpsPort}`));
    else if (line.includes('# PHONGHOP_LISTEN_HTTP')) out.push(replaceFirstArg('http', `127.0.0.1:${o.httpPort}`));
    else if (line.includes('# PHONGHOP_TLS_CERT')) out.push(replaceFirstArg('cert', o.cert));
    else if (line.includes('# PHONGHOP_TLS_KEY')) out.push(replaceFirstArg('key', o.key));
    else out.push(line);
  }
  for (const marker of ['upstream', 'https', 'http', 'cert', 'key']) {
    if (!seen.has(marker)) throw new Error(`${NGINX_SITE}: the ${marker} placeholder line is missing`);
  }
  return out.join('\n');
}

/**
 * PostgreSQL (a fresh database), Redis, API processes from dist/ sharing them and one DATA_DIR, and nginx in front
 * with the documented site configuration, all as child processes of the test on free ports. The first process
 * starts alone (it migrates and seeds the demo data); the others start once it is up, without seeding.
 */
export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const main = join(ROOT, 'dist/apps/api/main.js');
  if (!existsSync(main) || !existsSync(join(ROOT, 'dist/apps/web/browser/index.html'))) {
    throw new Error('Build first: npx nx run-many -t build --projects=api,web');
  }
  const count = options.processes ?? 2;
  const cleanups: (() => Promise<void>)[] = [];
  const logs: (() => string)[] = [];
  const stopAll = async () => {
    for (const c of cleanups.splice(0).reverse()) await c().catch((err: unknown) => process.stderr.write(`cluster cleanup: ${String(err)}\n`));
  };
  try {
    // PostgreSQL and a database of this test's own.
    const pg = await script('postgres-for-tests.sh', ['start']);
    cleanups.push(async () => void (await script('postgres-for-tests.sh', ['stop', pg['PG_TEST_DIR']])));
    logs.push(() => tail(join(pg['PG_TEST_DIR'], 'log'), 3000, 'PostgreSQL'));
    const databaseUrl = await createDatabase(pg['TEST_DATABASE_URL']);
    const pool = new Pool({ connectionString: databaseUrl, max: 2 });
    cleanups.push(() => pool.end());

    let redis = await script('redis-for-tests.sh', ['start']);
    const redisUrl = redis['TEST_REDIS_URL'];
    cleanups.push(async () => void (await script('redis-for-tests.sh', ['stop', redis['REDIS_TEST_DIR']])));
    logs.push(() => tail(join(redis['REDIS_TEST_DIR'], 'log'), 2000, 'Redis'));

    const work = mkdtempSync(join(tmpdir(), 'phonghop-cluster-'));
    cleanups.push(async () => rmSync(work, { recursive: true, force: true }));
    const dataDir = join(work, 'data');
    mkdirSync(dataDir);

    // The API processes: the production settings of docs/ops (behind one proxy), no conference workers (not under
    // test here, and each would be a process on this small machine).
    const shared = {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      TRUST_PROXY_HOPS: '1',
      CONFERENCE_WORKERS: '0',
      ...options.env,
    };
    const processes: (ClusterProcess & { stopGracefully(): Promise<void> })[] = [];
    for (let i = 0; i < count; i++) {
      // Only the first seeds the demo data, alone; the others find the accounts there (as production does with false).
      const env = { ...shared, ...options.envFor?.(i), SEED_DEMO_DATA: i === 0 ? 'true' : 'false' };
      const p = await clusterProcess(main, dataDir, env, `API ${String.fromCharCode(65 + i)}`);
      processes.push(p);
      cleanups.push(() => p.stopGracefully());
      logs.push(() => `── API ${String.fromCharCode(65 + i)} (${p.baseUrl}) ──\n${p.output().slice(-6000)}`);
    }

    // nginx with the documented site.
    if (!existsSync(NGINX)) await script('nginx-for-tests.sh', []);
    const nginxDir = join(work, 'nginx');
    mkdirSync(nginxDir);
    const cert = join(nginxDir, 'cert.pem');
    const key = join(nginxDir, 'key.pem');
    await run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', key, '-out', cert]);
    const [httpsPort, httpPort] = [await freePort(), await freePort()];
    const site = nginxSiteForTest(readFileSync(NGINX_SITE, 'utf8'), {
      upstreams: processes.map((p) => new URL(p.baseUrl).host.replace('localhost', '127.0.0.1')),
      backupFirst: options.firstIsBackup ?? false,
      httpsPort,
      httpPort,
      cert,
      key,
    });
    writeFileSync(join(nginxDir, 'phonghop.conf'), site);
    // The wrapper nginx.conf around the site, as Debian's /etc/nginx/nginx.conf includes sites in http { }. Workers
    // run as root when the test does (the temp folders below are the test's own); logs and temp files stay here.
    writeFileSync(
      join(nginxDir, 'nginx.conf'),
      [
        process.getuid?.() === 0 ? 'user root;' : '',
        'worker_processes 1;',
        'events { worker_connections 1024; }',
        'http {',
        `  log_format upstream '$request_method $request_uri $status upstream=$upstream_addr upstream_status=$upstream_status';`,
        `  access_log ${join(nginxDir, 'access.log')} upstream;`,
        ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${join(nginxDir, `${t}_temp`)};`),
        `  include ${join(nginxDir, 'phonghop.conf')};`,
        '}',
        '',
      ].join('\n'),
    );
    const nginxArgs = ['-p', nginxDir, '-c', join(nginxDir, 'nginx.conf'), '-e', join(nginxDir, 'error.log'), '-g', `daemon off; pid ${join(nginxDir, 'nginx.pid')};`];
    await run(NGINX, ['-t', '-q', ...nginxArgs]).catch((err: { stderr?: string }) => {
      throw new Error(`nginx -t refused the configuration made from ${NGINX_SITE}:\n${err.stderr ?? String(err)}\n${site}`);
    });
    const nginx: ChildProcess = spawn(NGINX, nginxArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
    let nginxOutput = '';
    nginx.stdout?.on('data', (c: Buffer) => (nginxOutput += c.toString()));
    nginx.stderr?.on('data', (c: Buffer) => (nginxOutput += c.toString()));
    cleanups.push(async () => {
      if (nginx.exitCode !== null || nginx.signalCode !== null) return;
      const exited = new Promise((r) => nginx.once('exit', r));
      nginx.kill('SIGQUIT');
      const timer = setTimeout(() => nginx.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    });
    logs.push(() => `── nginx ──\n${nginxOutput}${tail(join(nginxDir, 'error.log'), 3000, 'nginx error.log')}${tail(join(nginxDir, 'access.log'), 3000, 'nginx access.log')}`);
    const nginxHttpUrl = `http://localhost:${httpPort}`;
    const nginxUrl = `https://localhost:${httpsPort}`;
    await until(
      'nginx answers',
      async () => {
        if (nginx.exitCode !== null) throw new Error(`nginx exited with ${nginx.exitCode}: ${nginxOutput}`);
        const res = await fetch(`${nginxHttpUrl}/`, { redirect: 'manual', signal: AbortSignal.timeout(2000) });
        return res.status === 301 ? true : undefined;
      },
      15_000,
    );

    return {
      nginxUrl,
      nginxHttpUrl,
      processes,
      databaseUrl,
      redisUrl,
      async query<T>(sql: string, params: unknown[] = []) {
        return (await pool.query(sql, params)).rows as T[];
      },
      async redisRestart() {
        const port = new URL(redisUrl).port;
        await script('redis-for-tests.sh', ['stop', redis['REDIS_TEST_DIR']]);
        redis = await script('redis-for-tests.sh', ['start'], { REDIS_TEST_PORT: port });
        if (redis['TEST_REDIS_URL'] !== redisUrl) throw new Error(`Redis came back at ${redis['TEST_REDIS_URL']}, not ${redisUrl}`);
      },
      async ownerOf(meetingId: string) {
        const rows = await pool.query<{ owner_id: string }>('SELECT owner_id FROM meeting_lease WHERE meeting_id = $1 AND expires_at > now()', [meetingId]);
        const owner = rows.rows[0]?.owner_id;
        return owner === undefined ? undefined : processes.find((p) => p.alive && p.processId === owner);
      },
      nginxAccessLog: () => (existsSync(join(nginxDir, 'access.log')) ? readFileSync(join(nginxDir, 'access.log'), 'utf8') : ''),
      async stop() {
        if ((globalThis as { __e2eFailed?: boolean }).__e2eFailed) {
          process.stderr.write(`\n── the cluster's logs after a failure in this file ──\n${logs.map((l) => l()).join('\n')}\n`);
        }
        await stopAll();
      },
    };
  } catch (err) {
    if (logs.length) process.stderr.write(`\n── the cluster's logs (it did not start) ──\n${logs.map((l) => l()).join('\n')}\n`);
    await stopAll();
    throw err;
  }
}

async function createDatabase(adminUrl: string): Promise<string> {
  const name = `phonghop_cluster_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function tail(path: string, chars: number, title: string): string {
  if (!existsSync(path)) return '';
  return `── ${title} ──\n${readFileSync(path, 'utf8').slice(-chars)}\n`;
}

async function clusterProcess(main: string, dataDir: string, env: Record<string, string>, name: string): Promise<ClusterProcess & { stopGracefully(): Promise<void> }> {
  let api = await spawnApi(main, dataDir, '0', env);
  const baseUrl = api.baseUrl;
  const port = new URL(baseUrl).port;
  let earlier = '';
  const waitForId = () => until(`${name} announces its process id in /api/health (REDIS_URL set)`, () => healthProcessId(baseUrl), 30_000, () => api.output().slice(-3000));
  let processId = await waitForId();
  const exited = () => api.child.exitCode !== null || api.child.signalCode !== null;
  const kill = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (exited()) return;
    const done = new Promise((r) => api.child.once('exit', r));
    api.child.kill(signal);
    await done;
  };
  return {
    baseUrl,
    get pid() {
      return api.child.pid ?? 0;
    },
    get processId() {
      return processId;
    },
    get alive() {
      return !exited();
    },
    kill,
    async restart() {
      await kill('SIGTERM');
      earlier += `${api.output()}\n── ${name} restarted ──\n`;
      api = await spawnApi(main, dataDir, port, env);
      processId = await waitForId();
    },
    output: () => earlier + api.output(),
    async stopGracefully() {
      if (exited()) return;
      const timer = setTimeout(() => api.child.kill('SIGKILL'), 15_000);
      await kill('SIGTERM');
      clearTimeout(timer);
    },
  };
}
