import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { PDF_RANGE_CHUNK } from '@phonghop/contracts';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { PDF_WORKER_SOURCE } from './pdf-worker.source';

export type PdfFailureKind = 'encrypted' | 'malformed' | 'error';

/** A PDF the worker could not handle, classified so callers can map it to PDF_ENCRYPTED / PDF_MALFORMED. */
export class PdfTaskError extends Error {
  constructor(
    readonly kind: PdfFailureKind,
    message: string,
  ) {
    super(message);
  }
}

interface WorkerModules {
  pdfjs: string;
  standardFonts: string;
  cMaps: string;
  pdfLib: string;
  fontkit: string;
}

/**
 * Absolute paths of the worker's modules. Resolved from this file's location at run time (webpack keeps
 * node_modules external and leaves `createRequire` alone), with the working directory as a fallback.
 */
function resolveModules(): WorkerModules {
  const bases = [typeof __filename === 'string' ? __filename : '', join(process.cwd(), 'index.js')].filter(Boolean);
  let lastError: unknown;
  for (const base of bases) {
    try {
      const req = createRequire(base);
      const pdfjs = req.resolve('pdfjs-dist/legacy/build/pdf.mjs');
      const root = join(dirname(pdfjs), '..', '..');
      return {
        pdfjs,
        // pdf.js wants directory "URLs" with a trailing slash; in Node they are read with fs.
        standardFonts: join(root, 'standard_fonts') + '/',
        cMaps: join(root, 'cmaps') + '/',
        pdfLib: req.resolve('pdf-lib'),
        fontkit: req.resolve('@pdf-lib/fontkit'),
      };
    } catch (err) {
      lastError = err;
    }
  }
  throw lastError;
}

/** Limits concurrent workers: each may hold a large PDF in memory. */
class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

/** Runs PDF work (pdf.js parsing and rendering, pdf-lib stamping) in short-lived worker threads. */
@Injectable()
export class PdfWorkers implements OnModuleDestroy {
  private modules: WorkerModules | undefined;
  private readonly live = new Set<Worker>();
  /** Interactive work (validating an upload, stamping a download) and background work have separate lanes. */
  private readonly interactive = new Semaphore(2);
  private readonly background = new Semaphore(1);
  private closed = false;

  /** Page count of a valid PDF; PdfTaskError('encrypted' | 'malformed') otherwise. */
  async inspect(file: string): Promise<number> {
    const r = await this.run<{ pageCount: number }>('interactive', { task: 'inspect', file }, 120_000);
    return r.pageCount;
  }

  async renderThumbnails(file: string, outDir: string, width: number): Promise<number> {
    const r = await this.run<{ pageCount: number }>('background', { task: 'thumbnails', file, outDir, width }, 30 * 60_000);
    return r.pageCount;
  }

  /** Page 1 as a WebP `width` pixels wide. Interactive when a reader is waiting for it, background otherwise. */
  /**
   * Page 1 as a WebP of `width` px at `out`; answers which chunks (PDF_RANGE_CHUNK bytes, not the first or the last)
   * pdf.js read to draw it and its text, as the tablet's reader will.
   */
  async renderPreview(file: string, out: string, width: number, lane: 'interactive' | 'background'): Promise<{ firstPageChunks: number[] }> {
    const r = await this.run<{ firstPageChunks: number[] }>(lane, { task: 'preview', file, out, width, chunk: PDF_RANGE_CHUNK }, 5 * 60_000);
    return { firstPageChunks: r.firstPageChunks };
  }

  async extractText(file: string): Promise<string[]> {
    const r = await this.run<{ pages: string[] }>('background', { task: 'text', file }, 30 * 60_000);
    return r.pages;
  }

  async watermark(file: string, out: string, lines: string[], fontFile: string): Promise<void> {
    await this.run('interactive', { task: 'watermark', file, out, lines, fontFile }, 10 * 60_000);
  }

  onModuleDestroy(): void {
    this.closed = true;
    for (const w of this.live) void w.terminate();
  }

  private run<T>(lane: 'interactive' | 'background', data: Record<string, unknown>, timeoutMs: number): Promise<T> {
    return this[lane].run(
      () =>
        new Promise<T>((resolve, reject) => {
          if (this.closed) return reject(new PdfTaskError('error', 'shutting down'));
          this.modules ??= resolveModules();
          const worker = new Worker(PDF_WORKER_SOURCE, {
            eval: true,
            workerData: { ...data, modules: this.modules },
            // A hostile or huge PDF must not take the whole server's memory with it.
            resourceLimits: { maxOldGenerationSizeMb: 2048 },
          });
          this.live.add(worker);
          let settled = false;
          const finish = (fn: () => void) => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            this.live.delete(worker);
            fn();
            void worker.terminate();
          };
          const timer = setTimeout(() => finish(() => reject(new PdfTaskError('error', 'timed out'))), timeoutMs);
          worker.on('message', (msg: { ok: boolean; kind?: PdfFailureKind; message?: string } & T) =>
            finish(() => (msg.ok ? resolve(msg) : reject(new PdfTaskError(msg.kind ?? 'error', msg.message ?? 'failed')))),
          );
          worker.on('error', (err) => finish(() => reject(new PdfTaskError('error', err.message))));
          worker.on('exit', (code) => finish(() => reject(new PdfTaskError('error', `worker exited with ${code}`))));
        }),
    );
  }
}
