import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Runs a worker from TypeScript source (tests, development): compiles `.ts` files on require with @swc/core, the
 * compiler jest already uses, and resolves the workspace's path aliases (`@phonghop/...`) from tsconfig.base.json as
 * webpack does for the bundle. The built API runs the bundled worker and never takes this path.
 */
const TS_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const swc = require(workerData.swc);
let dir = path.dirname(workerData.script);
while (!fs.existsSync(path.join(dir, 'tsconfig.base.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
const paths = JSON.parse(fs.readFileSync(path.join(dir, 'tsconfig.base.json'), 'utf8')).compilerOptions.paths || {};
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const mapped = paths[request];
  return resolve.call(this, mapped ? path.join(dir, mapped[0]) : request, ...rest);
};
require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename, swcrc: false, configFile: false,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
require(workerData.script);
`;

/** The protocol: a worker answers `{id, payload}` with `{id, ok: true, bytes}` (transferred) or `{id, ok: false, name, message}`. */
interface WorkerRequest<P> {
  id: number;
  payload: P;
}

type WorkerReply = { id: number; ok: true; bytes: Uint8Array } | { id: number; ok: false; name: string; message: string };

interface Pending {
  resolve: (bytes: Uint8Array) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

export interface WorkerThreadOptions {
  /** For messages: "minutes PDF", "annotated PDF". */
  name: string;
  /** The bundle's file name beside main.js in the built API (webpack entry), e.g. `minutes-pdf.worker.js`. */
  bundle: string;
  /** The TypeScript source, for tests and development (an absolute path). */
  source: string;
  /** Where the built API keeps its bundles (defaults to the caller's `__dirname`, i.e. beside main.js). */
  builtDir: string;
  timeoutMs?: number;
  /** The worker is let go after this long without work. */
  idleMs?: number;
}

/**
 * One worker thread for CPU-heavy jobs that answer bytes (PDF rendering): started on first use, ended when idle, jobs
 * queued inside it. A crash or a timeout fails the jobs in flight and the next job starts a fresh worker. Keeps such
 * work off the API's event loop, where it would delay every socket of a running meeting.
 */
export class WorkerThread<P> {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private idle: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: WorkerThreadOptions) {}

  run(payload: P, label = this.options.name): Promise<Uint8Array> {
    if (this.closed) return Promise.reject(new Error('shutting down'));
    clearTimeout(this.idle);
    const worker = this.worker ?? this.start();
    return new Promise<Uint8Array>((resolve, reject) => {
      const id = this.nextId++;
      const timer = setTimeout(() => this.stop(worker, new Error(`${label} timed out`)), this.options.timeoutMs ?? 60_000);
      this.pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, payload } satisfies WorkerRequest<P>);
    });
  }

  close(): void {
    this.closed = true;
    if (this.worker) this.stop(this.worker, new Error('shutting down'));
  }

  private start(): Worker {
    const built = join(this.options.builtDir, this.options.bundle);
    const worker = existsSync(built)
      ? new Worker(built)
      : new Worker(TS_BOOTSTRAP, { eval: true, workerData: { script: this.options.source, swc: createRequire(this.options.source).resolve('@swc/core') } });
    worker.unref();
    worker.on('message', (reply: WorkerReply) => this.settle(reply));
    worker.on('error', (err) => this.stop(worker, err));
    worker.on('exit', (code) => this.stop(worker, new Error(`${this.options.name} worker exited with ${code}`)));
    this.worker = worker;
    return worker;
  }

  private settle(reply: WorkerReply): void {
    const job = this.pending.get(reply.id);
    if (!job) return;
    this.pending.delete(reply.id);
    clearTimeout(job.timer);
    if (reply.ok) job.resolve(reply.bytes);
    else job.reject(Object.assign(new Error(reply.message), { name: reply.name }));
    if (!this.pending.size && this.worker) {
      const worker = this.worker;
      this.idle = setTimeout(() => this.stop(worker, new Error('idle')), this.options.idleMs ?? 60_000);
      this.idle.unref();
    }
  }

  /** Ends a worker and fails whatever it had in hand. */
  private stop(worker: Worker, reason: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    clearTimeout(this.idle);
    for (const [id, job] of this.pending) {
      clearTimeout(job.timer);
      job.reject(reason);
      this.pending.delete(id);
    }
    void worker.terminate();
  }
}
