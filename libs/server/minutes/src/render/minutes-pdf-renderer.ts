import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { WorkerThread } from '@phonghop/server-core';
import { join } from 'node:path';
import type { MinutesPdfInput, MinutesPdfOptions } from '../minutes-pdf';
import type { VoteResultPdfInput } from '../vote-result-pdf';
import type { RenderJob, RenderPayload } from './minutes-pdf.worker';

/**
 * Renders the minutes domain's PDFs (minutes and conclusions, vote results) in one worker thread. Measured on the
 * event loop, a render took 130–330 ms (fontkit subsetting four faces, then pdf-lib's save): long enough to delay
 * every socket of a running meeting, so it is done off the loop.
 */
@Injectable()
export class MinutesPdfRenderer implements OnModuleDestroy {
  private readonly thread = new WorkerThread<RenderPayload>({
    name: 'minutes PDF',
    bundle: 'minutes-pdf.worker.js',
    source: join(__dirname, 'minutes-pdf.worker.ts'),
    builtDir: __dirname,
  });

  render(input: MinutesPdfInput, options?: MinutesPdfOptions): Promise<Uint8Array> {
    return this.run({ kind: 'minutes', input }, options);
  }

  renderVoteResult(input: VoteResultPdfInput, options?: MinutesPdfOptions): Promise<Uint8Array> {
    return this.run({ kind: 'vote_result', input }, options);
  }

  onModuleDestroy(): void {
    this.thread.close();
  }

  private run(job: RenderJob, options?: MinutesPdfOptions): Promise<Uint8Array> {
    return this.thread.run({ job, options }, `${job.kind} PDF rendering`);
  }
}
