// Document serving benchmark: phonghop's authenticated, access-checked file route against Debian's nginx
// serving the same bytes, both on loopback, both loaded by ApacheBench (`ab`, C, not the bottleneck).
// Then the first page in the tablet reader against bare pdf.js (reader.bench.mjs).
// stdout: one JSON line per figure. Progress: stderr.
// Usage: node test/bench/documents.bench.mjs [--concurrency=200 --requests=400 --size-mb=20 --runs=3 --reader-reps=7]
//   --reader-trace=N: N more opens per reader case after the measured ones, each logged (stderr) as a timeline of its requests.
//   --only=reader: the reader part only (no throughput part). BENCH_DIST=/tmp/some-dist: a copy of dist/ to measure (default dist/),
//   so that a build made by someone else in between does not change what is measured.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startChildServer } from './lib/child-server.mjs';
import { makePdf } from './lib/make-pdf.mjs';
import { firstMeetingId, login, uploadDocument } from './lib/phonghop-client.mjs';
import { runReaderBench } from './reader.bench.mjs';
import { freePort, log, parseFlags, sleep } from './lib/util.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const DIST = resolve(ROOT, process.env.BENCH_DIST ?? 'dist');
const flags = parseFlags(process.argv.slice(2), { concurrency: 200, requests: 400, 'size-mb': 20, runs: 3, 'reader-reps': 7, 'reader-trace': 0, only: '' });
const emit = (metric, value, extra = {}) => console.log(JSON.stringify({ bench: 'documents', metric, value, ...extra }));

function ensureTools() {
  const missing = ['nginx', 'ab'].filter((t) => {
    try {
      execFileSync('sh', ['-c', `command -v ${t} || test -x /usr/sbin/${t}`], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length) {
    log(`installing nginx-light and apache2-utils (missing: ${missing.join(', ')})`);
    execFileSync('bash', ['-c', 'source scripts/ensure-deps.sh && apt_install nginx-light apache2-utils'], { cwd: ROOT, stdio: 'inherit' });
  }
}

/** nginx as Debian configures it (worker_processes auto: one per core), sendfile on, all paths in `dir`. */
async function startNginx(dir, root) {
  const port = await freePort();
  const conf = join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `worker_processes auto; daemon off; pid ${dir}/nginx.pid; error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off; sendfile on; tcp_nopush on; keepalive_requests 100000;
  client_body_temp_path ${dir}/b; proxy_temp_path ${dir}/p; fastcgi_temp_path ${dir}/f; uwsgi_temp_path ${dir}/u; scgi_temp_path ${dir}/s;
  types { application/pdf pdf; text/html html; text/javascript mjs; }
  server { listen 127.0.0.1:${port}; root ${root}; }
}
`,
  );
  const child = spawn('/usr/sbin/nginx', ['-c', conf, '-p', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr.pipe(process.stderr);
  for (let i = 0; i < 50; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/missing`)).status === 404) break;
    } catch {
      await sleep(100);
    }
  }
  return { port, stop: () => new Promise((r) => (child.once('exit', r), child.kill('SIGQUIT'))) };
}

/** MB/s (10^6 bytes) of response bodies, from ab's own accounting; fails on any non-2xx answer. */
function abThroughput(url, cookie) {
  const args = ['-q', '-k', '-n', String(flags.requests), '-c', String(flags.concurrency), ...(cookie ? ['-C', cookie] : []), url];
  const out = execFileSync('ab', args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  const num = (re) => Number(re.exec(out)?.[1]);
  const failed = num(/Failed requests:\s+(\d+)/);
  const non2xx = num(/Non-2xx responses:\s+(\d+)/) || 0;
  if (failed || non2xx) throw new Error(`ab saw ${failed} failed and ${non2xx} non-2xx responses:\n${out}`);
  const seconds = num(/Time taken for tests:\s+([\d.]+)/);
  const htmlBytes = num(/HTML transferred:\s+(\d+)/);
  return htmlBytes / seconds / 1e6;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The throughput part: a big PDF downloaded by ab from phonghop (authenticated) and from nginx (same bytes). */
async function measureThroughput({ base, secretary, delegate, meetingId, www, nginx }) {
  log(`making a ${flags['size-mb']} MB PDF`);
  const pdf = await makePdf({ pages: 30, targetBytes: flags['size-mb'] * 1024 * 1024 });
  const doc = await uploadDocument(base, secretary, meetingId, pdf, { title: 'Tài liệu 20 MB', fileName: 'tai-lieu-20mb.pdf' });
  const url = `${base}/api/documents/${doc.id}/versions/${doc.current.version}/file`;
  // nginx serves exactly the bytes phonghop serves (after its linearization on upload).
  const served = Buffer.from(await (await fetch(url, { headers: { cookie: delegate } })).arrayBuffer());
  if (served.length < pdf.length * 0.9) throw new Error(`phonghop served ${served.length} bytes`);
  writeFileSync(join(www, 'doc.pdf'), served);
  const nginxUrl = `http://127.0.0.1:${nginx.port}/doc.pdf`;
  const results = { phonghop: [], nginx: [] };
  for (let run = 1; run <= flags.runs; run++) {
    // Alternate who goes first, so a noisy neighbour does not always hit the same server.
    const order = run % 2 ? ['nginx', 'phonghop'] : ['phonghop', 'nginx'];
    for (const server of order) {
      const mbs = server === 'nginx' ? abThroughput(nginxUrl) : abThroughput(url, delegate);
      results[server].push(mbs);
      log(`run ${run} ${server}: ${mbs.toFixed(0)} MB/s`);
    }
  }
  const extra = { concurrency: flags.concurrency, requests: flags.requests, file_mb: +(served.length / 1e6).toFixed(1) };
  for (const server of ['phonghop', 'nginx']) emit('throughput_mb_s', +median(results[server]).toFixed(1), { server, ...extra });
  const ratio = median(results.phonghop) / median(results.nginx);
  emit('throughput_ratio_vs_nginx', +ratio.toFixed(3), { ...extra, target: 0.8, pass: ratio >= 0.8 });
}

async function main() {
  const main = join(DIST, 'apps/api/main.js');
  const web = join(DIST, 'apps/web/browser');
  if (!existsSync(main) || !existsSync(join(web, 'index.html'))) {
    throw new Error('build first: npx nx run-many -t build --projects=api,web');
  }
  ensureTools();
  const dir = mkdtempSync(join(tmpdir(), 'phonghop-bench-docs-'));
  const www = join(dir, 'www');
  mkdirSync(www);
  chmodSync(dir, 0o755); // nginx's worker drops root and must still read the file
  const apiPort = await freePort();
  const api = await startChildServer(main, {
    DATA_DIR: join(dir, 'data'), PORT: String(apiPort), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production',
    PHONGHOP_BENCH_PROBE: '1', LOGIN_RATE_PER_MINUTE: '100000', WEB_DIST_DIR: web,
    // A copy outside the repository still finds the repository's packages.
    NODE_PATH: join(ROOT, 'node_modules'),
  });
  const base = `http://127.0.0.1:${apiPort}`;
  let nginx;
  try {
    const secretary = await login(base, 'thuky');
    const meetingId = await firstMeetingId(base, secretary);
    const delegate = await login(base, 'daibieu');
    nginx = await startNginx(dir, www);
    if (flags.only !== 'reader') await measureThroughput({ base, secretary, delegate, meetingId, www, nginx });
    log('first page in the reader: phonghop against bare pdf.js');
    await runReaderBench({ base, secretary, delegate, meetingId, www, nginxBase: `http://127.0.0.1:${nginx.port}`, reps: flags['reader-reps'], trace: flags['reader-trace'], emit });
  } finally {
    await nginx?.stop();
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
