import type { AnnotationDto, AnnotationOp } from '@phonghop/contracts';
import { applyChanged, applyNotice, applyRemoved, applyResult, byPage, EMPTY_HELD, fromList, project, type Held } from './annotation-state';
import type { QueuedOp } from './op-queue';

const DOC = '3f0c1c9e-8f1a-4c55-9d57-0d8b7b1f6a10';
const ME = { id: 'u-me', name: 'Lê Hoàng Nam' };
const dto = (id: string, revision: number, over: Partial<AnnotationDto> = {}): AnnotationDto => ({
  id,
  documentId: DOC,
  version: 1,
  ownerId: ME.id,
  ownerName: ME.name,
  kind: 'note',
  target: { page: 1, at: { x: 0.1, y: 0.1, w: 0, h: 0 } },
  color: '#f9a825',
  body: `r${revision}`,
  visibility: 'private',
  sharedWith: [],
  revision,
  conflictOf: null,
  anchoring: null,
  createdAt: '2026-12-01T08:00:00.000Z',
  updatedAt: '2026-12-01T08:00:00.000Z',
  ...over,
});
let seq = 0;
const q = (op: AnnotationOp, base?: number): QueuedOp => ({ seq: ++seq, documentId: DOC, version: 1, op, queuedAt: `2026-12-01T09:00:0${seq % 10}.000Z`, ...(base !== undefined ? { base } : {}) });
const ids = (held: Held) => [...held.items.keys()];

describe('held annotations', () => {
  it('keeps each annotation at its highest revision and ignores older notices', () => {
    let held = fromList([dto('a', 2)]);
    held = applyChanged(held, [dto('a', 1)]);
    expect(held.items.get('a')?.revision).toBe(2);
    held = applyNotice(held, { documentId: DOC, version: 1, changed: [dto('a', 3), dto('b', 1)], removed: [] }, DOC, 1);
    expect(held.items.get('a')?.body).toBe('r3');
    expect(ids(held)).toEqual(['a', 'b']);
  });

  it('ignores notices about other documents or versions', () => {
    const held = fromList([dto('a', 1)]);
    expect(applyNotice(held, { documentId: DOC, version: 2, changed: [dto('x', 1)], removed: ['a'] }, DOC, 1)).toBe(held);
    expect(applyNotice(held, { documentId: 'other', version: 1, changed: [], removed: ['a'] }, DOC, 1)).toBe(held);
  });

  it('removes, and does not let a late older change bring a removed annotation back', () => {
    let held = applyRemoved(fromList([dto('a', 2)]), ['a']);
    expect(held.items.size).toBe(0);
    held = applyChanged(held, [dto('a', 2)]);
    expect(held.items.size).toBe(0);
    // Shared again later: a newer revision comes back.
    held = applyChanged(held, [dto('a', 4, { ownerId: 'u-other' })]);
    expect(held.items.get('a')?.revision).toBe(4);
  });

  it('takes answers to own ops: created, deleted, a conflict copy, a refusal', () => {
    const create = q({ opId: 'op_create1', type: 'create', annotation: { id: 'n', documentId: DOC, version: 1, kind: 'note', target: { page: 1 }, color: '#f9a825', body: 'x' } });
    let held = applyResult(EMPTY_HELD, create, { opId: 'op_create1', status: 'applied', annotation: dto('n', 1) });
    expect(ids(held)).toEqual(['n']);
    const edit = q({ opId: 'op_update1', type: 'update', annotationId: 'n', baseRevision: 1, fields: { body: 'mine' } }, 1);
    held = applyResult(held, edit, { opId: 'op_update1', status: 'conflict_copy', annotation: dto('copy', 1, { conflictOf: 'n', body: 'mine' }) });
    expect(ids(held).sort()).toEqual(['copy', 'n']);
    const del = q({ opId: 'op_delete1', type: 'delete', annotationId: 'n' }, 1);
    held = applyResult(held, del, { opId: 'op_delete1', status: 'applied', annotation: null });
    expect(ids(held)).toEqual(['copy']);
    // The late echo of the note's revision 2 (made on another device before the delete) stays out.
    expect(ids(applyChanged(held, [dto('n', 2)]))).toEqual(['copy']);
    const gone = q({ opId: 'op_update2', type: 'update', annotationId: 'copy', baseRevision: 1, fields: { body: 'y' } }, 1);
    held = applyResult(held, gone, { opId: 'op_update2', status: 'rejected', annotation: null, error: { code: 'ANNOTATION_NOT_FOUND', message: { vi: '', en: '' } } });
    expect(ids(held)).toEqual([]);
  });

  it('treats a duplicate answer without an annotation as removed since', () => {
    const create = q({ opId: 'op_create2', type: 'create', annotation: { id: 'a', documentId: DOC, version: 1, kind: 'ink', target: { page: 1 }, color: '#000000', body: '' } });
    expect(ids(applyResult(fromList([dto('a', 1)]), create, { opId: 'op_create2', status: 'duplicate', annotation: null }))).toEqual([]);
  });
});

describe('the projected view', () => {
  it('shows queued ops on top of what the server confirmed, with the revisions the server will give', () => {
    const held = fromList([dto('a', 1), dto('b', 3, { ownerId: 'u-other', ownerName: 'Trần Văn Bình', visibility: 'meeting', createdAt: '2026-12-01T07:00:00.000Z' })]);
    const view = project(
      held,
      [
        q({ opId: 'op_c', type: 'create', annotation: { id: 'C', documentId: DOC, version: 1, kind: 'ink', target: { page: 2 }, color: '#000000', body: '' } }),
        q({ opId: 'op_u', type: 'update', annotationId: 'a', baseRevision: 1, fields: { body: 'sửa' } }, 1),
        q({ opId: 'op_s', type: 'share', annotationId: 'a', visibility: 'named', sharedWith: ['u-other'] }, 2),
        q({ opId: 'op_d', type: 'delete', annotationId: 'missing' }, 1),
      ],
      ME,
    );
    expect(view.map((v) => [v.id, v.revision, v.mine, v.pending])).toEqual([
      ['b', 3, false, false],
      ['a', 3, true, true],
      ['c', 1, true, true],
    ]);
    expect(view[1]).toMatchObject({ body: 'sửa', visibility: 'named', sharedWith: ['u-other'] });
    expect(view[2]).toMatchObject({ ownerName: ME.name, visibility: 'private' });
    expect([...byPage(view).entries()].map(([page, items]) => [page, items.length])).toEqual([
      [1, 2],
      [2, 1],
    ]);
  });

  it('drops deleted ones, and does not apply an op twice once its echo arrived before the answer', () => {
    const queued = [q({ opId: 'op_u2', type: 'update', annotationId: 'a', baseRevision: 1, fields: { body: 'mới' } }, 1)];
    // The server's notice for this very op came first: revision 2 is held already.
    const echoed = project(fromList([dto('a', 2, { body: 'mới' })]), queued, ME);
    expect(echoed.map((v) => [v.revision, v.body, v.pending])).toEqual([[2, 'mới', false]]);
    expect(project(fromList([dto('a', 1)]), [q({ opId: 'op_d2', type: 'delete', annotationId: 'a' }, 1)], ME)).toEqual([]);
  });

  it('does not resurrect a created annotation removed since', () => {
    const create = q({ opId: 'op_c3', type: 'create', annotation: { id: 'z', documentId: DOC, version: 1, kind: 'ink', target: { page: 1 }, color: '#000000', body: '' } });
    expect(project(applyRemoved(EMPTY_HELD, ['z']), [create], ME)).toEqual([]);
  });
});
