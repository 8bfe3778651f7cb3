import { Injectable } from '@nestjs/common';
import {
  type MeetingRoomDelta,
  type MeetingRoomState,
  type PresenceDelta,
  type PresenceEntry,
  type RoomAudience,
  type RoomDeltaMessage,
  type RoomResync,
  type RoomSnapshot,
  ROOM_AUDIENCES,
  applyRoomDelta,
  audienceOf,
  emptyRoomState,
  roomDelta,
} from '@phonghop/contracts';

/** How many recent deltas a channel keeps so that a briefly disconnected client catches up without a snapshot. */
export const DELTA_LOG_SIZE = 256;

/**
 * Arrivals and departures are sent at most this often, together: when a hall's tablets connect (or its Wi-Fi
 * drops) at once, each presence change sent to every tablet on its own would cost N² messages.
 */
export const PRESENCE_WINDOW_MS = 100;

/** One audience's versioned state and its recent deltas. */
interface Channel {
  snapshot: RoomSnapshot;
  log: RoomDeltaMessage[];
}

interface RoomRecord {
  channels: Record<RoomAudience, Channel>;
  /** Open connections per person: presence changes only on a person's first and last connection. */
  connections: Map<string, number>;
  /** Presence changes of the current window, by person (null: left), and the timer that publishes them. */
  presence: Map<string, PresenceEntry | null>;
  presenceTimer: NodeJS.Timeout | null;
}

export type DeltaSink = (meetingId: string, msg: RoomDeltaMessage) => void;

/** Domains fill their slices of a room's state from the database when the room opens. */
export type SliceLoader = (meetingId: string) => Promise<Partial<Omit<MeetingRoomState, 'meetingId'>>>;

interface Opening {
  done: Promise<void>;
  /** Deltas published while the room was loading; idempotent, so a double apply is harmless. */
  queued: MeetingRoomDelta[];
}

/**
 * The live state of every meeting room, one channel per audience (everyone; hosts). All changes go through
 * `publish`, which applies the shared reducer to the channel of the delta's slice, bumps that channel's version
 * and hands the delta to the sink (the gateway's broadcast to that audience). A room lives while it has members;
 * versions start from the clock (and above any version this process issued) so that a recreated room never
 * reuses a version a client may still hold. Clients take a fresh snapshot on every (re)join anyway, which covers
 * a restarted server. What must survive a restart is stored by its domain and loaded here when the room opens.
 */
@Injectable()
export class RoomHub {
  private readonly rooms = new Map<string, RoomRecord>();
  /** Highest version handed out by this process, so a recreated room starts above it. */
  private highWater = 0;
  private readonly opening = new Map<string, Opening>();
  private readonly loaders: SliceLoader[] = [];
  private sink: DeltaSink = () => undefined;
  /** With several processes: where a change goes when this process does not run the meeting's room. */
  private elsewhere: ((meetingId: string, delta: MeetingRoomDelta) => void) | null = null;

  attach(sink: DeltaSink): void {
    this.sink = sink;
  }

  forwardElsewhere(forward: (meetingId: string, delta: MeetingRoomDelta) => void): void {
    this.elsewhere = forward;
  }

  registerLoader(loader: SliceLoader): void {
    this.loaders.push(loader);
  }

  /** Makes sure the room exists, loading its stored slices once even when many join at the same moment. */
  async open(meetingId: string): Promise<void> {
    if (this.rooms.has(meetingId)) return;
    let opening = this.opening.get(meetingId);
    if (!opening) {
      const queued: MeetingRoomDelta[] = [];
      const done = (async () => {
        try {
          const parts = Object.assign({}, ...(await Promise.all(this.loaders.map((load) => load(meetingId))))) as Partial<MeetingRoomState>;
          const room = this.room(meetingId);
          for (const [key, value] of Object.entries(parts) as [Exclude<keyof MeetingRoomState, 'meetingId'>, unknown][]) {
            const channel = room.channels[audienceOf(key)];
            channel.snapshot = { ...channel.snapshot, state: { ...channel.snapshot.state, [key]: value } };
          }
          for (const delta of queued) this.publish(meetingId, delta);
        } finally {
          this.opening.delete(meetingId);
        }
      })();
      opening = { done, queued };
      this.opening.set(meetingId, opening);
    }
    await opening.done;
  }

  /**
   * The channel's state. The everyone channel's includes the presence changes of the current window (one who just
   * joined sees themselves); the delta that publishes them later applies again harmlessly.
   */
  snapshot(meetingId: string, audience: RoomAudience = 'everyone'): RoomSnapshot {
    const room = this.room(meetingId);
    const { snapshot } = room.channels[audience];
    const pending = presenceChange(room.presence);
    if (audience !== audienceOf('presence') || !pending) return snapshot;
    return { ...snapshot, state: applyRoomDelta(snapshot.state, roomDelta('presence', pending)) };
  }

  /** The room runs in this process. */
  has(meetingId: string): boolean {
    return this.rooms.has(meetingId);
  }

  /** The room may run somewhere: here, or (with several processes) at the meeting's owner. Worth publishing to. */
  mayBeLive(meetingId: string): boolean {
    return this.rooms.has(meetingId) || this.elsewhere !== null;
  }

  /** Forgets a room this process no longer owns (another process took the meeting over). */
  evict(meetingId: string): void {
    const room = this.rooms.get(meetingId);
    if (room) this.close(meetingId, room);
  }

  /**
   * Applies and broadcasts a change to a live room, on the channel of the delta's slice. A room nobody has open
   * is not created: its stored slices are read fresh when someone opens it, so the change is not lost. Returns
   * null then. With several processes the change goes to the process that runs the room, if any.
   */
  publish(meetingId: string, delta: MeetingRoomDelta): RoomDeltaMessage | null {
    const room = this.rooms.get(meetingId);
    if (!room) {
      const opening = this.opening.get(meetingId);
      if (opening) opening.queued.push(delta);
      else this.elsewhere?.(meetingId, delta);
      return null;
    }
    const audience = audienceOf(delta.slice);
    const channel = room.channels[audience];
    const version = channel.snapshot.version + 1;
    this.highWater = Math.max(this.highWater, version);
    channel.snapshot = { meetingId, audience, version, state: applyRoomDelta(channel.snapshot.state, delta) };
    const msg: RoomDeltaMessage = { meetingId, audience, version, delta };
    channel.log.push(msg);
    if (channel.log.length > DELTA_LOG_SIZE) channel.log.splice(0, channel.log.length - DELTA_LOG_SIZE);
    this.sink(meetingId, msg);
    return msg;
  }

  /** Missed deltas when the log still covers them, otherwise the whole snapshot. */
  resync(meetingId: string, fromVersion: number, audience: RoomAudience = 'everyone'): RoomResync {
    const channel = this.room(meetingId).channels[audience];
    const current = channel.snapshot.version;
    const oldest = channel.log[0]?.version ?? current + 1;
    if (fromVersion <= current && fromVersion >= oldest - 1) {
      return { mode: 'deltas', meetingId, audience, deltas: channel.log.filter((m) => m.version > fromVersion) };
    }
    return { mode: 'snapshot', snapshot: this.snapshot(meetingId, audience) };
  }

  memberConnected(meetingId: string, entry: PresenceEntry): void {
    const room = this.room(meetingId);
    const n = room.connections.get(entry.userId) ?? 0;
    room.connections.set(entry.userId, n + 1);
    if (n === 0) this.presenceChanged(meetingId, room, entry.userId, entry);
  }

  memberDisconnected(meetingId: string, userId: string): void {
    const room = this.rooms.get(meetingId);
    if (!room) return;
    const n = room.connections.get(userId) ?? 0;
    if (n > 1) {
      room.connections.set(userId, n - 1);
      return;
    }
    room.connections.delete(userId);
    if (room.connections.size === 0) {
      this.close(meetingId, room); // nobody left to tell
      return;
    }
    this.presenceChanged(meetingId, room, userId, null);
  }

  /**
   * A viewer that is not a person (the hall's display screen) keeps the room open without appearing in presence.
   * Counted under a key no user id can take.
   */
  viewerConnected(meetingId: string, viewerKey: string): void {
    const room = this.room(meetingId);
    const key = `viewer:${viewerKey}`;
    room.connections.set(key, (room.connections.get(key) ?? 0) + 1);
  }

  viewerDisconnected(meetingId: string, viewerKey: string): void {
    const room = this.rooms.get(meetingId);
    if (!room) return;
    const key = `viewer:${viewerKey}`;
    const n = room.connections.get(key) ?? 0;
    if (n > 1) room.connections.set(key, n - 1);
    else room.connections.delete(key);
    if (room.connections.size === 0) this.close(meetingId, room);
  }

  /** Notes a presence change for the current window; the first one of a window starts its timer. */
  private presenceChanged(meetingId: string, room: RoomRecord, userId: string, entry: PresenceEntry | null): void {
    room.presence.set(userId, entry);
    if (room.presenceTimer) return;
    room.presenceTimer = setTimeout(() => {
      room.presenceTimer = null;
      const change = presenceChange(room.presence);
      room.presence.clear();
      if (change && this.rooms.get(meetingId) === room) this.publish(meetingId, roomDelta('presence', change));
    }, PRESENCE_WINDOW_MS);
    room.presenceTimer.unref();
  }

  private close(meetingId: string, room: RoomRecord): void {
    if (room.presenceTimer) clearTimeout(room.presenceTimer);
    this.rooms.delete(meetingId);
  }

  private room(meetingId: string): RoomRecord {
    let room = this.rooms.get(meetingId);
    if (!room) {
      const version = Math.max(Date.now(), this.highWater + 1);
      const channel = (audience: RoomAudience): Channel => ({ snapshot: { meetingId, audience, version, state: emptyRoomState(meetingId) }, log: [] });
      room = {
        channels: Object.fromEntries(ROOM_AUDIENCES.map((a) => [a, channel(a)])) as Record<RoomAudience, Channel>,
        connections: new Map(),
        presence: new Map(),
        presenceTimer: null,
      };
      this.rooms.set(meetingId, room);
    }
    return room;
  }
}

/** A window's presence changes as one delta: the single kinds for one change (most of the day), else `changes`. */
function presenceChange(pending: ReadonlyMap<string, PresenceEntry | null>): PresenceDelta | null {
  if (!pending.size) return null;
  const upserts: PresenceEntry[] = [];
  const removes: string[] = [];
  for (const [userId, entry] of pending) {
    if (entry) upserts.push(entry);
    else removes.push(userId);
  }
  if (upserts.length + removes.length === 1) return upserts.length ? { kind: 'upsert', entry: upserts[0] } : { kind: 'remove', userId: removes[0] };
  return { kind: 'changes', upserts, removes };
}
