import { Injectable } from '@nestjs/common';
import {
  type MeetingRoomDelta,
  type MeetingRoomState,
  type PresenceEntry,
  type RoomDeltaMessage,
  type RoomResync,
  type RoomSnapshot,
  applyRoomDelta,
  emptyRoomState,
} from '@phonghop/contracts';

/** How many recent deltas a room keeps so that a briefly disconnected client catches up without a snapshot. */
export const DELTA_LOG_SIZE = 256;

interface RoomRecord {
  snapshot: RoomSnapshot;
  log: RoomDeltaMessage[];
  /** Open connections per person: presence changes only on a person's first and last connection. */
  connections: Map<string, number>;
}

export type DeltaSink = (meetingId: string, msg: RoomDeltaMessage) => void;

/** Domains fill their slice of a room's state from the database when the room opens. */
export type SliceLoader = (meetingId: string) => Promise<Partial<Omit<MeetingRoomState, 'meetingId'>>>;

interface Opening {
  done: Promise<void>;
  /** Deltas published while the room was loading; idempotent upserts, so a double apply is harmless. */
  queued: MeetingRoomDelta[];
}

/**
 * The authoritative state of every live meeting room. All changes go through `publish`, which applies
 * the shared reducer, bumps the version and hands the delta to the sink (the gateway's room broadcast).
 * A room lives while it has members; its version starts from the clock (and above any version this
 * process issued) so that a recreated room never reuses a version a client may still hold. Clients take
 * a fresh snapshot on every (re)join anyway, which covers a restarted server.
 */
@Injectable()
export class RoomHub {
  private readonly rooms = new Map<string, RoomRecord>();
  /** Highest version handed out by this process, so a recreated room starts above it. */
  private highWater = 0;
  private readonly opening = new Map<string, Opening>();
  private readonly loaders: SliceLoader[] = [];
  private sink: DeltaSink = () => undefined;

  attach(sink: DeltaSink): void {
    this.sink = sink;
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
          const parts = await Promise.all(this.loaders.map((load) => load(meetingId)));
          const room = this.room(meetingId);
          room.snapshot = { ...room.snapshot, state: Object.assign({ ...room.snapshot.state }, ...parts) };
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

  snapshot(meetingId: string): RoomSnapshot {
    return this.room(meetingId).snapshot;
  }

  has(meetingId: string): boolean {
    return this.rooms.has(meetingId);
  }

  /**
   * Applies and broadcasts a change to a live room. A room nobody has open is not created: its stored
   * slices are read fresh when someone opens it, so the change is not lost. Returns null then.
   */
  publish(meetingId: string, delta: MeetingRoomDelta): RoomDeltaMessage | null {
    const room = this.rooms.get(meetingId);
    if (!room) {
      this.opening.get(meetingId)?.queued.push(delta);
      return null;
    }
    const version = room.snapshot.version + 1;
    this.highWater = Math.max(this.highWater, version);
    room.snapshot = { meetingId, version, state: applyRoomDelta(room.snapshot.state, delta) };
    const msg: RoomDeltaMessage = { meetingId, version, delta };
    room.log.push(msg);
    if (room.log.length > DELTA_LOG_SIZE) room.log.splice(0, room.log.length - DELTA_LOG_SIZE);
    this.sink(meetingId, msg);
    return msg;
  }

  /** Missed deltas when the log still covers them, otherwise the whole snapshot. */
  resync(meetingId: string, fromVersion: number): RoomResync {
    const room = this.room(meetingId);
    const current = room.snapshot.version;
    const oldest = room.log[0]?.version ?? current + 1;
    if (fromVersion <= current && fromVersion >= oldest - 1) {
      return { mode: 'deltas', meetingId, deltas: room.log.filter((m) => m.version > fromVersion) };
    }
    return { mode: 'snapshot', snapshot: room.snapshot };
  }

  memberConnected(meetingId: string, entry: PresenceEntry): void {
    const room = this.room(meetingId);
    const n = room.connections.get(entry.userId) ?? 0;
    room.connections.set(entry.userId, n + 1);
    if (n === 0) this.publish(meetingId, { kind: 'presence.upsert', entry });
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
      this.rooms.delete(meetingId); // nobody left to tell
      return;
    }
    this.publish(meetingId, { kind: 'presence.remove', userId });
  }

  private room(meetingId: string): RoomRecord {
    let room = this.rooms.get(meetingId);
    if (!room) {
      const version = Math.max(Date.now(), this.highWater + 1);
      room = { snapshot: { meetingId, version, state: emptyRoomState(meetingId) }, log: [], connections: new Map() };
      this.rooms.set(meetingId, room);
    }
    return room;
  }
}
