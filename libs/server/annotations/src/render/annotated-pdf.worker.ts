import { parentPort } from 'node:worker_threads';
import { type AnnotatedPdfJob, drawAnnotations } from './annotated-pdf';

/**
 * The worker thread that draws a person's annotations into a document (see AnnotatedPdfRenderer): loading and saving
 * a long PDF takes CPU the live meeting's sockets must not wait for. Built as its own webpack entry beside main.js;
 * run from source in tests. The protocol is WorkerThread's (server-core), written out here: a worker run from source
 * cannot resolve the workspace's path aliases.
 */
parentPort?.on('message', (req: { id: number; payload: AnnotatedPdfJob }) => {
  drawAnnotations(req.payload).then(
    (bytes) => parentPort?.postMessage({ id: req.id, ok: true, bytes }, [bytes.buffer as ArrayBuffer]),
    (err: Error) => parentPort?.postMessage({ id: req.id, ok: false, name: err.name, message: err.message }),
  );
});
