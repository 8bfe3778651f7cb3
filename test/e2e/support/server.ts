import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

export interface RunningServer {
  baseUrl: string;
  /** The API process (its media workers are its children); a new one after `restart()`. */
  readonly pid: number;
  /** Everything the server printed so far (its JSON logs). */
  output(): string;
  /** Stops the API process and starts it again on the same port with the same data folder (a server restart). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the production build exactly as `./phonghop start` does, on a free port with a fresh data folder. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const main = join(ROOT, 'dist/apps/api/main.js');
  if (!existsSync(main) || !existsSync(join(ROOT, 'dist/apps/web/browser/index.html'))) {
    throw new Error('Build first: npx nx run-many -t build --projects=api,web');
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'phonghop-e2e-'));
  let api = await spawnApi(main, dataDir, '0', env);
  const baseUrl = api.baseUrl;
  let earlier = '';
  const stopApi = async () => {
    if (api.child.exitCode === null) {
      const exited = new Promise((r) => api.child.once('exit', r));
      api.child.kill('SIGTERM');
      await exited;
    }
  };
  return {
    baseUrl,
    get pid() {
      return api.child.pid ?? 0;
    },
    output: () => earlier + api.output(),
    async restart() {
      await stopApi();
      earlier += api.output();
      // Same data folder and port: browsers and sockets reconnect to the address they had.
      api = await spawnApi(main, dataDir, new URL(baseUrl).port, env);
    },
    async stop() {
      await stopApi();
      if ((globalThis as { __e2eFailed?: boolean }).__e2eFailed) {
        const log = earlier + api.output();
        process.stderr.write(`\n── the API's log (last 8000 characters) after a failure in this file ──\n${log.slice(-8000)}\n`);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** One API process from the production build on `port` ('0': a free one), resolved once it listens (also test/e2e/support/cluster.ts). */
export async function spawnApi(main: string, dataDir: string, port: string, env: Record<string, string>): Promise<{ child: ChildProcess; baseUrl: string; output(): string }> {
  const child: ChildProcess = spawn(process.execPath, [main], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', PORT: port, HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', LOGIN_RATE_PER_MINUTE: '1000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const baseUrl = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /running at (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1].replace('127.0.0.1', 'localhost'));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return { child, baseUrl, output: () => output };
}
