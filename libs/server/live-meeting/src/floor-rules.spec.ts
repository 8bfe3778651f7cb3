import { type FloorState, type SpeakerRequest, emptyFloor, floorSlice } from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import * as rules from './floor-rules';

const T0 = new Date('2026-12-07T08:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const apply = (floor: FloorState, change: rules.FloorChange) => change.deltas.reduce(floorSlice.apply, floor);
const request = (id: string, kind: SpeakerRequest['kind'] = 'speech', userId = `u-${id}`): SpeakerRequest => ({
  id,
  userId,
  name: `Đại biểu ${id}`,
  unitName: null,
  siteId: null,
  kind,
  topic: null,
  requestedAt: T0.toISOString(),
});
const inSession = () => apply(emptyFloor(), rules.openSession(emptyFloor(), T0));
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof ApiError ? e.code : String(e);
  }
  return 'no error';
};

describe('floor rules', () => {
  it('refuses speakers and items before the session is open', () => {
    expect(codeOf(() => rules.addRequest(emptyFloor(), request('a')))).toBe('FLOOR_NOT_IN_SESSION');
    expect(codeOf(() => rules.openItem(emptyFloor(), 'i1', 'Nội dung 1', T0))).toBe('FLOOR_NOT_IN_SESSION');
  });

  it('puts points of order after waiting points of order and ahead of every speech', () => {
    let f = inSession();
    for (const r of [request('a'), request('b'), request('p1', 'point_of_order'), request('c'), request('p2', 'point_of_order')]) f = apply(f, rules.addRequest(f, r));
    expect(f.queue.map((q) => q.id)).toEqual(['p1', 'p2', 'a', 'b', 'c']);
  });

  it('keeps one waiting request per person or site', () => {
    const f = apply(inSession(), rules.addRequest(inSession(), request('a')));
    expect(codeOf(() => rules.addRequest(f, { ...request('a2'), userId: 'u-a' }))).toBe('FLOOR_ALREADY_REQUESTED');
  });

  it('reorders only with every request exactly once', () => {
    let f = inSession();
    for (const r of [request('a'), request('b'), request('c')]) f = apply(f, rules.addRequest(f, r));
    expect(apply(f, rules.reorder(f, ['c', 'a', 'b'])).queue.map((q) => q.id)).toEqual(['c', 'a', 'b']);
    expect(codeOf(() => rules.reorder(f, ['c', 'a']))).toBe('FLOOR_ORDER_INVALID');
    expect(codeOf(() => rules.reorder(f, ['c', 'a', 'a']))).toBe('FLOOR_ORDER_INVALID');
    expect(codeOf(() => rules.reorder(f, ['c', 'a', 'x']))).toBe('FLOOR_ORDER_INVALID');
  });

  it('withdraws a request, and says so when it is gone already', () => {
    let f = inSession();
    for (const r of [request('a'), request('b')]) f = apply(f, rules.addRequest(f, r));
    f = apply(f, rules.removeRequest(f, 'a'));
    expect(f.queue.map((q) => q.id)).toEqual(['b']);
    expect(codeOf(() => rules.removeRequest(f, 'a'))).toBe('FLOOR_REQUEST_NOT_FOUND');
  });

  it('gives the floor from the list, ends the previous speech with its duration and overrun in the record', () => {
    let f = inSession();
    for (const r of [request('a'), request('b')]) f = apply(f, rules.addRequest(f, r));
    f = apply(f, rules.giveFloor(f, f.queue[0], 60, at(10)));
    expect(f.speaker).toMatchObject({ id: 'a', allottedSeconds: 60, startedAt: at(10).toISOString() });
    expect(f.queue.map((q) => q.id)).toEqual(['b']);
    const next = rules.giveFloor(f, f.queue[0], undefined, at(100));
    expect(next.events.map((e) => e.kind)).toEqual(['speech_ended', 'speech_started']);
    expect(next.events[0].data).toMatchObject({ userId: 'u-a', seconds: 90, overrunSeconds: 30 });
    f = apply(f, next);
    expect(f.speaker).toMatchObject({ id: 'b', allottedSeconds: f.speakingSeconds });
    expect(f.queue).toEqual([]);
  });

  it('passes over a requester who disconnected, keeping their place for when they are back', () => {
    let f = inSession();
    for (const r of [request('a'), request('b'), request('c')]) f = apply(f, rules.addRequest(f, r));
    expect(rules.nextRequest(f, new Set(['u-b', 'u-c']))?.id).toBe('b');
    f = apply(f, rules.giveFloor(f, rules.nextRequest(f, new Set(['u-b', 'u-c'])) as SpeakerRequest, undefined, at(1)));
    expect(f.queue.map((q) => q.id)).toEqual(['a', 'c']);
    expect(rules.nextRequest(f, new Set())).toBeNull();
  });

  it('extends a speech, never below what was already spoken', () => {
    let f = inSession();
    f = apply(f, rules.giveFloor(f, request('a'), 60, T0));
    expect(apply(f, rules.extendSpeech(f, 120, at(30))).speaker?.allottedSeconds).toBe(180);
    expect(apply(f, rules.extendSpeech(f, -50, at(30))).speaker?.allottedSeconds).toBe(30);
    expect(codeOf(() => rules.endSpeech(apply(f, rules.endSpeech(f, at(40))), at(41)))).toBe('FLOOR_NO_SPEAKER');
  });

  it('keeps each item’s clock across reopening and closes the open item when another opens', () => {
    let f = inSession();
    f = apply(f, rules.openItem(f, 'i1', 'Nội dung 1', at(0)));
    const second = rules.openItem(f, 'i2', 'Nội dung 2', at(120));
    expect(second.events.map((e) => e.kind)).toEqual(['item_closed', 'item_opened']);
    f = apply(f, second);
    expect(f).toMatchObject({ currentItemId: 'i2', itemSeconds: { i1: 120 }, closedItemIds: ['i1'] });
    f = apply(f, rules.openItem(f, 'i1', 'Nội dung 1', at(180)));
    expect(f).toMatchObject({ currentItemId: 'i1', itemSeconds: { i1: 120, i2: 60 }, closedItemIds: ['i2'] });
    f = apply(f, rules.closeItem(f, at(200)));
    expect(f.itemSeconds['i1']).toBe(140);
  });

  it('closing the session ends the speech and the item and clears the list', () => {
    let f = inSession();
    f = apply(f, rules.openItem(f, 'i1', 'Nội dung 1', at(0)));
    f = apply(f, rules.addRequest(f, request('b')));
    f = apply(f, rules.giveFloor(f, request('a'), 60, at(5)));
    const close = rules.closeSession(f, at(65));
    expect(close.events.map((e) => e.kind)).toEqual(['speech_ended', 'item_closed', 'session_closed']);
    f = apply(f, close);
    expect(f).toMatchObject({ phase: 'ended', speaker: null, queue: [], currentItemId: null, endedAt: at(65).toISOString(), startedAt: T0.toISOString() });
  });
});
