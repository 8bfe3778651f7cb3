import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { WorkerThread } from '@phonghop/server-core';
import { join } from 'node:path';
import type { AnnotatedPdfJob } from './annotated-pdf';

/** Draws annotations into PDFs in a worker thread (started on first use, ended when idle). */
@Injectable()
export class AnnotatedPdfRenderer implements OnModuleDestroy {
  private readonly thread = new WorkerThread<AnnotatedPdfJob>({
    name: 'annotated PDF',
    bundle: 'annotated-pdf.worker.js',
    source: join(__dirname, 'annotated-pdf.worker.ts'),
    builtDir: __dirname,
    timeoutMs: 120_000,
  });

  render(job: AnnotatedPdfJob): Promise<Uint8Array> {
    return this.thread.run(job);
  }

  onModuleDestroy(): void {
    this.thread.close();
  }
}
