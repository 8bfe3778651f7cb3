import { currentId, EMPTY_HISTORY, fieldsBefore, HISTORY_LIMIT, record, redo, undo, type History, type Snapshot } from './history';

const note: Snapshot = { id: 'n1', kind: 'note', target: { page: 1, at: { x: 0.2, y: 0.3, w: 0, h: 0 } }, color: '#f9a825', body: 'Hỏi lại Sở Tài chính' };
/** The step, failing the test when there is none. */
function must<T>(step: T | null): T {
  if (!step) throw new Error('expected a step');
  return step;
}
const ids = () => {
  let n = 0;
  return () => `new-${++n}`;
};

describe('undo and redo', () => {
  it('undoes a creation by deleting it, and redoes it as a new annotation', () => {
    const newId = ids();
    let h = record(EMPTY_HISTORY, { type: 'create', item: note });
    const u = undo(h, newId);
    expect(u?.intent).toEqual({ type: 'delete', id: 'n1' });
    h = must(u).history;
    expect(h.done).toHaveLength(0);
    const r = redo(h, newId);
    expect(r?.intent).toEqual({ type: 'create', item: { ...note, id: 'new-1' } });
    h = must(r).history;
    expect(currentId(h, 'n1')).toBe('new-1');
    // Undone again: the copy goes.
    expect(undo(h, newId)?.intent).toEqual({ type: 'delete', id: 'new-1' });
  });

  it('follows re-created ids through older steps', () => {
    const newId = ids();
    let h: History = record(EMPTY_HISTORY, { type: 'create', item: note });
    h = record(h, { type: 'update', id: 'n1', before: { body: note.body }, after: { body: 'Đã hỏi' } });
    h = record(h, { type: 'delete', item: { ...note, body: 'Đã hỏi' } });
    // Undo the deletion: made again as new-1, with the text it had.
    let step = must(undo(h, newId));
    expect(step.intent).toEqual({ type: 'create', item: { ...note, id: 'new-1', body: 'Đã hỏi' } });
    // Undo the edit: on new-1.
    step = must(undo(step.history, newId));
    expect(step.intent).toEqual({ type: 'update', id: 'new-1', fields: { body: note.body } });
    step = must(undo(step.history, newId));
    expect(step.intent).toEqual({ type: 'delete', id: 'new-1' });
    expect(undo(step.history, newId)).toBeNull();
    // Redo all three.
    step = must(redo(step.history, newId));
    expect(step.intent).toEqual({ type: 'create', item: { ...note, id: 'new-2' } });
    step = must(redo(step.history, newId));
    expect(step.intent).toEqual({ type: 'update', id: 'new-2', fields: { body: 'Đã hỏi' } });
    step = must(redo(step.history, newId));
    expect(step.intent).toEqual({ type: 'delete', id: 'new-2' });
    expect(redo(step.history, newId)).toBeNull();
  });

  it('undoes sharing back to what it was, and a new step clears redo', () => {
    const newId = ids();
    let h = record(EMPTY_HISTORY, { type: 'share', id: 'n1', before: { visibility: 'private', sharedWith: [] }, after: { visibility: 'meeting', sharedWith: [] } });
    const u = must(undo(h, newId));
    expect(u.intent).toEqual({ type: 'share', id: 'n1', sharing: { visibility: 'private', sharedWith: [] } });
    h = record(u.history, { type: 'create', item: note });
    expect(h.undone).toHaveLength(0);
    expect(redo(h, newId)).toBeNull();
  });

  it('keeps a bounded number of steps', () => {
    let h = EMPTY_HISTORY;
    for (let i = 0; i < HISTORY_LIMIT + 20; i++) h = record(h, { type: 'create', item: { ...note, id: `n${i}` } });
    expect(h.done).toHaveLength(HISTORY_LIMIT);
    expect(h.done[0]).toEqual({ type: 'create', item: { ...note, id: 'n20' } });
  });

  it('remembers only the fields an edit changes', () => {
    expect(fieldsBefore(note, { color: '#000000' })).toEqual({ color: '#f9a825' });
    expect(fieldsBefore(note, { body: 'x', target: { page: 2 } })).toEqual({ body: note.body, target: note.target });
  });
});
