import { parentPort } from 'node:worker_threads';
import { type ReanchorJob, runReanchor } from './reanchor-job';

/**
 * The worker thread that re-anchors annotations on a new document version (see Reanchoring): the quote search is
 * bounded but may take seconds on a long document, which the live meeting's sockets must not wait for. Built as its
 * own webpack entry beside main.js; run from source in tests. Protocol: WorkerThread's (server-core).
 */
parentPort?.on('message', (req: { id: number; payload: ReanchorJob }) => {
  try {
    const bytes = runReanchor(req.payload);
    parentPort?.postMessage({ id: req.id, ok: true, bytes }, [bytes.buffer as ArrayBuffer]);
  } catch (err) {
    parentPort?.postMessage({ id: req.id, ok: false, name: (err as Error).name, message: (err as Error).message });
  }
});
