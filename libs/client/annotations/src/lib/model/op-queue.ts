import { ANNOTATION_OPS_MAX, type AnnotationOp, type AnnotationOpResult } from '@phonghop/contracts';

/**
 * The device's queue of annotation changes (pure parts). Every local change is one op with its own `opId`, kept
 * (IndexedDB) until the server has answered it, and sent in order; the server applies each op once, so sending one
 * again after a lost answer or a reload is safe (it answers `duplicate`).
 */
export interface QueuedOp {
  /** Queue order (ascending; chosen by the device, see `nextSeq`). */
  seq: number;
  /** Where the op belongs: updates, deletes and shares do not say it themselves. */
  documentId: string;
  version: number;
  op: AnnotationOp;
  /** ISO time it was made (shown as the pending annotation's time). */
  queuedAt: string;
  /** Changes of an existing annotation: the revision it had on this device when the change was made. */
  base?: number;
}

export const MAX_BATCH_OPS = ANNOTATION_OPS_MAX;
/** The API parses JSON bodies up to 100 kB on this route: stay well below it. */
export const MAX_BATCH_BYTES = 90_000;
/** Waits between attempts while the server cannot be reached or fails (then every 30 s). */
export const RETRY_DELAYS_MS = [1000, 2000, 5000, 10_000, 30_000] as const;

const encoder = new TextEncoder();

/** Size of an op in the request body (UTF-8 JSON, plus its comma). */
export function opBytes(op: AnnotationOp): number {
  return encoder.encode(JSON.stringify(op)).length + 1;
}

/**
 * The next request: ops from the head of the queue, in order, at most `maxOps` and `maxBytes` (always at least
 * one, so an op too big on its own is sent and refused rather than blocking the queue).
 */
export function takeBatch(queue: readonly QueuedOp[], maxOps = MAX_BATCH_OPS, maxBytes = MAX_BATCH_BYTES): QueuedOp[] {
  const batch: QueuedOp[] = [];
  let bytes = 16; // {"ops":[ ]}
  for (const entry of queue) {
    if (batch.length >= Math.max(1, Math.min(maxOps, MAX_BATCH_OPS))) break;
    const size = opBytes(entry.op);
    if (batch.length && bytes + size > maxBytes) break;
    batch.push(entry);
    bytes += size;
  }
  return batch;
}

export interface Settled {
  entry: QueuedOp;
  result: AnnotationOpResult;
}

export interface Settlement {
  /** Answered applied, duplicate (done before) or conflict_copy (kept beside another device's edit). */
  done: Settled[];
  /** Refused: dropped from the queue, the person is told why. */
  rejected: Settled[];
  /** No answer for them in the response (should not happen): they stay queued. */
  keep: QueuedOp[];
}

/** Pairs a response with the batch it answers: by position (the server answers in order), checked by opId. */
export function settle(batch: readonly QueuedOp[], results: readonly AnnotationOpResult[]): Settlement {
  const byId = new Map(results.filter((r) => r.opId).map((r) => [r.opId, r]));
  const out: Settlement = { done: [], rejected: [], keep: [] };
  batch.forEach((entry, i) => {
    const at = results[i];
    const result = at && (at.opId === entry.op.opId || !at.opId) ? at : byId.get(entry.op.opId);
    if (!result) out.keep.push(entry);
    else if (result.status === 'rejected') out.rejected.push({ entry, result });
    else out.done.push({ entry, result });
  });
  return out;
}

/**
 * What to do when a whole request failed (`statusCode` 0 = no answer):
 * - `retry` later (network, timeouts, server errors, rate limits);
 * - `split` the batch and try smaller ones (a body too big or refused as a whole);
 * - `reject` the one op (refused on its own: it can never pass);
 * - `stop` (the session is gone: sending resumes after the next sign-in).
 */
export function classifyFailure(statusCode: number, batchSize: number): 'retry' | 'split' | 'reject' | 'stop' {
  if (statusCode === 0 || statusCode >= 500 || statusCode === 408 || statusCode === 429) return 'retry';
  if (statusCode === 401) return 'stop';
  return batchSize > 1 ? 'split' : 'reject';
}

/** The wait before attempt `attempt + 1` (attempt ≥ 1), with up to 20 % jitter so tablets do not retry in step. */
export function retryDelay(attempt: number, jitter: () => number = Math.random): number {
  const base = RETRY_DELAYS_MS[Math.min(Math.max(attempt, 1), RETRY_DELAYS_MS.length) - 1];
  return Math.round(base * (1 + 0.2 * jitter()));
}

/** Queue order: the time, kept strictly increasing even if the clock stalls or steps back. */
export function nextSeq(now: number, last: number): number {
  return Math.max(Math.floor(now), Math.floor(last) + 1);
}

/** The queue after loading what was stored: both, each op once (by opId), in queue order. */
export function mergeQueues(memory: readonly QueuedOp[], stored: readonly QueuedOp[]): QueuedOp[] {
  const seen = new Set<string>();
  return [...stored, ...memory]
    .sort((a, b) => a.seq - b.seq)
    .filter((e) => {
      if (seen.has(e.op.opId)) return false;
      seen.add(e.op.opId);
      return true;
    });
}

/** The annotation an op is about. */
export function annotationIdOf(op: AnnotationOp): string {
  return (op.type === 'create' ? op.annotation.id : op.annotationId).toLowerCase();
}
