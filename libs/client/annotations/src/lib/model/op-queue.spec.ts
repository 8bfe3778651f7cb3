import type { AnnotationDto, AnnotationOp, AnnotationOpResult } from '@phonghop/contracts';
import { newAnnotationId, newOpId, OP_ID_PATTERN } from './ids';
import { annotationIdOf, classifyFailure, MAX_BATCH_BYTES, mergeQueues, nextSeq, opBytes, retryDelay, settle, takeBatch, type QueuedOp } from './op-queue';

const DOC = '3f0c1c9e-8f1a-4c55-9d57-0d8b7b1f6a10';
let seq = 0;
const entry = (op: AnnotationOp): QueuedOp => ({ seq: ++seq, documentId: DOC, version: 1, op, queuedAt: new Date(1_700_000_000_000 + seq).toISOString() });
const createOp = (points = 2, id = newAnnotationId()): AnnotationOp => ({
  opId: newOpId(),
  type: 'create',
  annotation: { id, documentId: DOC, version: 1, kind: 'ink', color: '#d32f2f', body: '', target: { page: 1, strokes: [{ width: 0.0035, points: Array.from({ length: points }, (_, i) => [i / points, 0.5]) }] } },
});
const result = (e: QueuedOp, status: AnnotationOpResult['status'], annotation: AnnotationDto | null = null): AnnotationOpResult => ({
  opId: e.op.opId,
  status,
  annotation,
  ...(status === 'rejected' ? { error: { code: 'ANNOTATION_INVALID', message: { vi: 'Ghi chú không hợp lệ.', en: 'The annotation is not valid.' } } } : {}),
});

describe('ids', () => {
  it('makes op ids the server accepts and random UUIDs', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newOpId()));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(OP_ID_PATTERN);
    expect(newAnnotationId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newAnnotationId((b) => b.fill(0))).toBe('00000000-0000-4000-8000-000000000000');
  });
});

describe('the op queue', () => {
  it('sends at most 200 ops at a time, in order', () => {
    const queue = Array.from({ length: 450 }, () => entry({ opId: newOpId(), type: 'delete', annotationId: newAnnotationId() }));
    const first = takeBatch(queue);
    expect(first).toHaveLength(200);
    expect(first).toEqual(queue.slice(0, 200));
    expect(takeBatch(queue.slice(400))).toHaveLength(50);
    expect(takeBatch(queue, 7)).toHaveLength(7);
  });

  it('keeps a request body under the server limit, but always sends at least one op', () => {
    const big = Array.from({ length: 10 }, () => entry(createOp(1500)));
    const batch = takeBatch(big);
    expect(batch.length).toBeGreaterThan(0);
    expect(batch.length).toBeLessThan(10);
    expect(batch.reduce((sum, e) => sum + opBytes(e.op), 0)).toBeLessThanOrEqual(MAX_BATCH_BYTES);
    const huge = [entry(createOp(8000))];
    expect(opBytes(huge[0].op)).toBeGreaterThan(MAX_BATCH_BYTES);
    expect(takeBatch(huge)).toHaveLength(1);
    expect(takeBatch([])).toEqual([]);
  });

  it('counts applied, duplicate and conflict copies as done, drops rejections and keeps unanswered ops', () => {
    const [a, b, c, d, e] = Array.from({ length: 5 }, () => entry(createOp()));
    const s = settle([a, b, c, d, e], [result(a, 'applied'), result(b, 'duplicate'), result(c, 'conflict_copy'), result(d, 'rejected')]);
    expect(s.done.map((x) => [x.entry, x.result.status])).toEqual([
      [a, 'applied'],
      [b, 'duplicate'],
      [c, 'conflict_copy'],
    ]);
    expect(s.rejected.map((x) => x.entry)).toEqual([d]);
    expect(s.keep).toEqual([e]);
  });

  it('pairs answers by op id when the order differs, and a shape refusal without an op id by position', () => {
    const [a, b] = [entry(createOp()), entry(createOp())];
    const s = settle([a, b], [result(b, 'applied'), result(a, 'duplicate')]);
    expect(s.done.map((x) => [x.entry, x.result.status])).toEqual([
      [a, 'duplicate'],
      [b, 'applied'],
    ]);
    const bad = entry({ opId: 'short', type: 'delete', annotationId: newAnnotationId() });
    const refused = settle([bad], [{ ...result(bad, 'rejected'), opId: '' }]);
    expect(refused.rejected.map((x) => x.entry)).toEqual([bad]);
  });

  it('retries network and server failures with growing waits, splits or rejects refusals, stops without a session', () => {
    expect(classifyFailure(0, 5)).toBe('retry');
    expect(classifyFailure(503, 5)).toBe('retry');
    expect(classifyFailure(500, 1)).toBe('retry');
    expect(classifyFailure(429, 1)).toBe('retry');
    expect(classifyFailure(413, 5)).toBe('split');
    expect(classifyFailure(400, 1)).toBe('reject');
    expect(classifyFailure(401, 3)).toBe('stop');
    const noJitter = () => 0;
    expect([1, 2, 3, 4, 5, 9].map((n) => retryDelay(n, noJitter))).toEqual([1000, 2000, 5000, 10_000, 30_000, 30_000]);
    expect(retryDelay(1, () => 1)).toBe(1200);
  });

  it('orders the queue by a strictly increasing sequence, even if the clock goes back', () => {
    expect(nextSeq(1000, 0)).toBe(1000);
    expect(nextSeq(1000, 1000)).toBe(1001);
    expect(nextSeq(900, 1001)).toBe(1002);
  });

  it('merges what was stored with what was made meanwhile, each op once', () => {
    const stored = [entry(createOp()), entry(createOp())];
    const made = entry(createOp());
    expect(mergeQueues([made, stored[1]], stored)).toEqual([...stored, made]);
  });

  it('names the annotation an op is about', () => {
    const id = newAnnotationId();
    expect(annotationIdOf(createOp(2, id))).toBe(id);
    expect(annotationIdOf({ opId: newOpId(), type: 'share', annotationId: id.toUpperCase(), visibility: 'meeting', sharedWith: [] })).toBe(id);
  });
});
