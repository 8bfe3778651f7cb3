import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { MinutesPdfInput, MinutesPdfOptions } from '../minutes-pdf';
import type { VoteResultPdfInput } from '../vote-result-pdf';
import type { RenderJob, RenderReply, RenderRequest } from './minutes-pdf.worker';

const RENDER_TIMEOUT_MS = 60_000;
/** A worker keeps the fonts it read; it is let go after this long without work. */
const IDLE_MS = 60_000;

/**
 * Runs the worker from TypeScript source (tests, development): compiles `.ts` files on require with @swc/core, the
 * compiler jest already uses. The built API runs the bundled worker and never takes this path.
 */
const TS_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const swc = require(workerData.swc);
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

interface Pending {
  resolve: (bytes: Uint8Array) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Renders the minutes domain's PDFs (minutes and conclusions, vote results) in one worker thread, started on first
 * use and ended when idle. Measured on the event loop, a render took 130–330 ms (fontkit subsetting four faces,
 * then pdf-lib's save): long enough to delay every socket of a running meeting, so it is done off the loop.
 * Requests queue in the worker; a crash or a timeout fails the renders in flight and the next request starts a
 * fresh worker.
 */
@Injectable()
export class MinutesPdfRenderer implements OnModuleDestroy {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private idle: NodeJS.Timeout | undefined;
  private closed = false;

  render(input: MinutesPdfInput, options?: MinutesPdfOptions): Promise<Uint8Array> {
    return this.run({ kind: 'minutes', input }, options);
  }

  renderVoteResult(input: VoteResultPdfInput, options?: MinutesPdfOptions): Promise<Uint8Array> {
    return this.run({ kind: 'vote_result', input }, options);
  }

  private run(job: RenderJob, options?: MinutesPdfOptions): Promise<Uint8Array> {
    if (this.closed) return Promise.reject(new Error('shutting down'));
    clearTimeout(this.idle);
    const worker = this.worker ?? this.start();
    return new Promise<Uint8Array>((resolve, reject) => {
      const id = this.nextId++;
      const timer = setTimeout(() => this.stop(worker, new Error(`${job.kind} PDF rendering timed out`)), RENDER_TIMEOUT_MS);
      this.pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, job, options } satisfies RenderRequest);
    });
  }

  onModuleDestroy(): void {
    this.closed = true;
    if (this.worker) this.stop(this.worker, new Error('shutting down'));
  }

  private start(): Worker {
    const { file, typescript } = workerScript();
    const worker = typescript
      ? new Worker(TS_BOOTSTRAP, { eval: true, workerData: { script: file, swc: createRequire(file).resolve('@swc/core') } })
      : new Worker(file);
    worker.unref();
    worker.on('message', (reply: RenderReply) => this.settle(reply));
    worker.on('error', (err) => this.stop(worker, err));
    worker.on('exit', (code) => this.stop(worker, new Error(`minutes PDF worker exited with ${code}`)));
    this.worker = worker;
    return worker;
  }

  private settle(reply: RenderReply): void {
    const job = this.pending.get(reply.id);
    if (!job) return;
    this.pending.delete(reply.id);
    clearTimeout(job.timer);
    if (reply.ok) job.resolve(reply.bytes);
    else job.reject(Object.assign(new Error(reply.message), { name: reply.name }));
    if (!this.pending.size && this.worker) {
      const worker = this.worker;
      this.idle = setTimeout(() => this.stop(worker, new Error('idle')), IDLE_MS);
      this.idle.unref();
    }
  }

  /** Ends a worker and fails whatever it had in hand (there is one worker, so all pending renders). */
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

/** The bundled worker beside main.js in the built API, else the TypeScript source beside this file. */
function workerScript(): { file: string; typescript: boolean } {
  const built = join(__dirname, 'minutes-pdf.worker.js');
  if (existsSync(built)) return { file: built, typescript: false };
  return { file: join(__dirname, 'minutes-pdf.worker.ts'), typescript: true };
}
