import { parentPort } from 'node:worker_threads';
import { type MinutesPdfInput, type MinutesPdfOptions, renderMinutesPdf } from '../minutes-pdf';

/**
 * The worker thread that renders minutes PDFs (see MinutesPdfRenderer): font subsetting and layout take a few
 * hundred milliseconds of CPU, which must not stall the live meeting's sockets on the API's event loop.
 * Built by webpack as its own entry (`minutes-pdf.worker.js` beside `main.js`); run from source in tests.
 */
export interface RenderRequest {
  id: number;
  input: MinutesPdfInput;
  options?: MinutesPdfOptions;
}

export type RenderReply = { id: number; ok: true; bytes: Uint8Array } | { id: number; ok: false; name: string; message: string };

parentPort?.on('message', (req: RenderRequest) => {
  renderMinutesPdf(req.input, req.options).then(
    (bytes) => parentPort?.postMessage({ id: req.id, ok: true, bytes } satisfies RenderReply, [bytes.buffer as ArrayBuffer]),
    (err: Error) => parentPort?.postMessage({ id: req.id, ok: false, name: err.name, message: err.message } satisfies RenderReply),
  );
});
