import { parentPort } from 'node:worker_threads';
import { type MinutesPdfInput, type MinutesPdfOptions, renderMinutesPdf } from '../minutes-pdf';
import { type VoteResultPdfInput, renderVoteResultPdf } from '../vote-result-pdf';

/**
 * The worker thread that renders the minutes domain's PDFs (see MinutesPdfRenderer): font subsetting and layout take
 * a few hundred milliseconds of CPU, which must not stall the live meeting's sockets on the API's event loop. One
 * worker prints every kind of document, so the fonts are read and kept once.
 * Built by webpack as its own entry (`minutes-pdf.worker.js` beside `main.js`); run from source in tests.
 */
export type RenderJob = { kind: 'minutes'; input: MinutesPdfInput } | { kind: 'vote_result'; input: VoteResultPdfInput };

export interface RenderRequest {
  id: number;
  job: RenderJob;
  options?: MinutesPdfOptions;
}

export type RenderReply = { id: number; ok: true; bytes: Uint8Array } | { id: number; ok: false; name: string; message: string };

const render = (job: RenderJob, options?: MinutesPdfOptions) => (job.kind === 'minutes' ? renderMinutesPdf(job.input, options) : renderVoteResultPdf(job.input, options));

parentPort?.on('message', (req: RenderRequest) => {
  render(req.job, req.options).then(
    (bytes) => parentPort?.postMessage({ id: req.id, ok: true, bytes } satisfies RenderReply, [bytes.buffer as ArrayBuffer]),
    (err: Error) => parentPort?.postMessage({ id: req.id, ok: false, name: err.name, message: err.message } satisfies RenderReply),
  );
});
