import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort } from './util.mjs';

const run = promisify(execFile);
const script = fileURLToPath(new URL('../../../scripts/redis-for-tests.sh', import.meta.url));

/** A throw-away Redis for a benchmark (scripts/redis-for-tests.sh on a free port); `stop()` removes it. */
export async function startRedis() {
  const port = await freePort();
  const { stdout } = await run('bash', [script, 'start'], { env: { ...process.env, REDIS_TEST_PORT: String(port) } });
  const dir = /REDIS_TEST_DIR=(\S+)/.exec(stdout)?.[1];
  const url = /TEST_REDIS_URL=(\S+)/.exec(stdout)?.[1];
  if (!dir || !url) throw new Error(`redis-for-tests.sh start printed no URL:\n${stdout}`);
  return {
    url,
    async stop() {
      await run('bash', [script, 'stop', dir]);
    },
  };
}
