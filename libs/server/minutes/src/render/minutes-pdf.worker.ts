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

export interface RenderPayload {
  job: RenderJob;
  options?: MinutesPdfOptions;
}

const render = ({ job, options }: RenderPayload) => (job.kind === 'minutes' ? renderMinutesPdf(job.input, options) : renderVoteResultPdf(job.input, options));

// The protocol of WorkerThread (server-core), written out here: a worker run from source cannot resolve the
// workspace's path aliases.
parentPort?.on('message', (req: { id: number; payload: RenderPayload }) => {
  render(req.payload).then(
    (bytes) => parentPort?.postMessage({ id: req.id, ok: true, bytes }, [bytes.buffer as ArrayBuffer]),
    (err: Error) => parentPort?.postMessage({ id: req.id, ok: false, name: err.name, message: err.message }),
  );
});
