import type { CurrentSpeaker, FloorDelta, FloorState, RecordEventKind, SpeakerRequest } from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';

/**
 * The rules of the floor, pure: each takes the stored state and answers the deltas that carry it forward (applied
 * with the shared `floorSlice` reducer, on the server and on every screen) and the events for the running record.
 */
export interface FloorChange {
  deltas: FloorDelta[];
  events: RecordEvent[];
}

/** One line of the running record (minutes): what happened, when, with its facts. */
export interface RecordEvent {
  kind: RecordEventKind;
  at: string;
  data: Record<string, unknown>;
}

const secondsBetween = (from: string, to: Date) => Math.max(0, Math.round((to.getTime() - Date.parse(from)) / 1000));

function requireSession(floor: FloorState): void {
  if (floor.phase !== 'in_session') throw new ApiError('FLOOR_NOT_IN_SESSION');
}

export function openSession(floor: FloorState, now: Date): FloorChange {
  if (floor.phase === 'in_session') return { deltas: [], events: [] };
  const at = now.toISOString();
  return { deltas: [{ kind: 'session', phase: 'in_session', startedAt: floor.startedAt ?? at, endedAt: null }], events: [{ kind: 'session_opened', at, data: {} }] };
}

/** Closing the session closes the open item and ends the speech in progress; the list is cleared. */
export function closeSession(floor: FloorState, now: Date): FloorChange {
  if (floor.phase !== 'in_session') throw new ApiError('FLOOR_NOT_IN_SESSION');
  const speech = floor.speaker ? endSpeech(floor, now) : { deltas: [], events: [] };
  const item = floor.currentItemId ? closeItem(floor, now) : { deltas: [], events: [] };
  const at = now.toISOString();
  return {
    deltas: [...speech.deltas, ...item.deltas, { kind: 'queue', queue: [] }, { kind: 'session', phase: 'ended', startedAt: floor.startedAt, endedAt: at }],
    events: [...speech.events, ...item.events, { kind: 'session_closed', at, data: {} }],
  };
}

/** Opens an item (closing the one before); an item closed earlier may be reopened and its clock goes on. */
export function openItem(floor: FloorState, itemId: string, title: string, now: Date): FloorChange {
  requireSession(floor);
  if (floor.currentItemId === itemId) return { deltas: [], events: [] };
  const closing = floor.currentItemId ? closeItem(floor, now) : null;
  const itemSeconds = closing ? (closing.deltas[0] as Extract<FloorDelta, { kind: 'item' }>).itemSeconds : floor.itemSeconds;
  const closedItemIds = (closing ? (closing.deltas[0] as Extract<FloorDelta, { kind: 'item' }>).closedItemIds : floor.closedItemIds).filter((id) => id !== itemId);
  const at = now.toISOString();
  return {
    deltas: [{ kind: 'item', currentItemId: itemId, itemOpenedAt: at, itemSeconds, closedItemIds }],
    events: [...(closing?.events ?? []), { kind: 'item_opened', at, data: { itemId, title } }],
  };
}

export function closeItem(floor: FloorState, now: Date): FloorChange {
  const itemId = floor.currentItemId;
  if (!itemId || !floor.itemOpenedAt) throw new ApiError('FLOOR_ITEM_NOT_FOUND');
  const spent = (floor.itemSeconds[itemId] ?? 0) + secondsBetween(floor.itemOpenedAt, now);
  return {
    deltas: [{ kind: 'item', currentItemId: null, itemOpenedAt: null, itemSeconds: { ...floor.itemSeconds, [itemId]: spent }, closedItemIds: [...floor.closedItemIds.filter((id) => id !== itemId), itemId] }],
    events: [{ kind: 'item_closed', at: now.toISOString(), data: { itemId, seconds: spent } }],
  };
}

/**
 * Adds a request to the list: a point of order goes after the points of order already waiting and ahead of every
 * ordinary speech; a speech goes last. One waiting request per person or site.
 */
export function addRequest(floor: FloorState, request: SpeakerRequest): FloorChange {
  requireSession(floor);
  if (floor.queue.some((q) => q.userId === request.userId)) throw new ApiError('FLOOR_ALREADY_REQUESTED');
  const queue = [...floor.queue];
  const at = request.kind === 'point_of_order' ? queue.findIndex((q) => q.kind !== 'point_of_order') : -1;
  queue.splice(at === -1 ? queue.length : at, 0, request);
  return { deltas: [{ kind: 'queue', queue }], events: [] };
}

export function removeRequest(floor: FloorState, requestId: string): FloorChange {
  if (!floor.queue.some((q) => q.id === requestId)) throw new ApiError('FLOOR_REQUEST_NOT_FOUND');
  return { deltas: [{ kind: 'queue', queue: floor.queue.filter((q) => q.id !== requestId) }], events: [] };
}

/** The chair's new order of the whole list: every waiting request exactly once. */
export function reorder(floor: FloorState, requestIds: readonly string[]): FloorChange {
  const byId = new Map(floor.queue.map((q) => [q.id, q]));
  if (requestIds.length !== byId.size || new Set(requestIds).size !== requestIds.length || requestIds.some((id) => !byId.has(id))) {
    throw new ApiError('FLOOR_ORDER_INVALID');
  }
  return { deltas: [{ kind: 'queue', queue: requestIds.map((id) => byId.get(id) as SpeakerRequest) }], events: [] };
}

/**
 * Gives the floor to a request (taken off the list) or to anyone directly; the speech in progress ends first.
 * `seconds` defaults to the meeting's speaking time.
 */
export function giveFloor(floor: FloorState, to: SpeakerRequest, seconds: number | undefined, now: Date): FloorChange {
  requireSession(floor);
  const ending = floor.speaker ? endSpeech(floor, now) : { deltas: [], events: [] };
  const at = now.toISOString();
  const speaker: CurrentSpeaker = { ...to, startedAt: at, allottedSeconds: seconds ?? floor.speakingSeconds };
  const queue = floor.queue.filter((q) => q.id !== to.id && q.userId !== to.userId);
  return {
    deltas: [...ending.deltas.filter((d) => d.kind !== 'speaker'), { kind: 'queue', queue }, { kind: 'speaker', speaker }],
    events: [...ending.events, { kind: 'speech_started', at, data: speechFacts(speaker, floor) }],
  };
}

export function endSpeech(floor: FloorState, now: Date): FloorChange {
  const speaker = floor.speaker;
  if (!speaker) throw new ApiError('FLOOR_NO_SPEAKER');
  const seconds = secondsBetween(speaker.startedAt, now);
  return {
    deltas: [{ kind: 'speaker', speaker: null }],
    events: [{ kind: 'speech_ended', at: now.toISOString(), data: { ...speechFacts(speaker, floor), seconds, overrunSeconds: Math.max(0, seconds - speaker.allottedSeconds) } }],
  };
}

/** More time for the current speaker (or less, down to what was already spoken). */
export function extendSpeech(floor: FloorState, seconds: number, now: Date): FloorChange {
  const speaker = floor.speaker;
  if (!speaker) throw new ApiError('FLOOR_NO_SPEAKER');
  const spoken = secondsBetween(speaker.startedAt, now);
  return { deltas: [{ kind: 'speaker', speaker: { ...speaker, allottedSeconds: Math.max(spoken, speaker.allottedSeconds + seconds) } }], events: [] };
}

/**
 * The next speaker when the chair asks for "next": the first request whose person or site is connected, so a
 * tablet that dropped out of the hall's Wi-Fi does not hold the meeting up (its request keeps its place).
 */
export function nextRequest(floor: FloorState, connected: ReadonlySet<string>): SpeakerRequest | null {
  return floor.queue.find((q) => connected.has(q.userId)) ?? null;
}

function speechFacts(speaker: CurrentSpeaker, floor: FloorState): Record<string, unknown> {
  return { userId: speaker.userId, name: speaker.name, unitName: speaker.unitName, siteId: speaker.siteId, kind: speaker.kind, topic: speaker.topic, itemId: floor.currentItemId, allottedSeconds: speaker.allottedSeconds };
}
