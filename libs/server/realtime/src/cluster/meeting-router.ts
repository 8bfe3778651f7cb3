import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit, Optional } from '@nestjs/common';
import { createAdapter } from '@socket.io/redis-adapter';
import { type Ack, errorBody, type MeetingRoomDelta, type MeetingRoomState, PresenceEntry, RoomAudience, RoomResync, RoomSnapshot, ServerToClientEvents } from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import type { AuthenticatedUser } from '@phonghop/server-identity';
import type { Server } from 'socket.io';
import { DataSource } from 'typeorm';
import { RoomHub } from '../room-hub';
import { roomName } from '../room-names';
import { type DomainRequestEvent, type SocketChannel, SocketRequests } from '../socket-requests';
import { ClusterBus, ProcessUnreachable } from './cluster-bus';
import { LEASE_RENEW_MS, MeetingLeases } from './meeting-leases';
import { RemoteSockets } from './remote-sockets';

export interface ClusterOptions {
  /** Set: this is one of several API processes sharing PostgreSQL and this Redis. */
  redisUrl?: string;
}
export const CLUSTER_OPTIONS = Symbol('CLUSTER_OPTIONS');

/** Who is behind a socket, as it travels to a meeting's owner: a person with their presence, or a hall display. */
export type RoomVisitor = { person: PresenceEntry } | { viewer: string };
/** Who sends a domain request, as the handler sees it. */
export type Requester = { user: AuthenticatedUser } | { display: { displayId: string; meetingId: string } };

/** Sends an event to every socket in a meeting's room, on every process. */
export type MeetingEmitter = <E extends keyof ServerToClientEvents>(event: E, ...args: Parameters<ServerToClientEvents[E]>) => void;

/** The people and displays of this process's sockets that have joined a meeting (the gateway knows them). */
export type LocalVisitors = (meetingId: string) => { socketId: string; visitor: RoomVisitor }[];

/** A room this process no longer serves keeps its sockets; how long an idle held lease is kept before release. */
const IDLE_LEASE_MS = 30_000;

/**
 * Where each meeting's live room runs (issue 14). With one process (no Redis) everything is local and this adds
 * nothing. With several, each meeting has one owner, the holder of its lease in PostgreSQL: the room's state, its
 * versions, the open vote and the conference live there. A socket on another process reaches it through here: its
 * joins, resyncs, leaves and domain requests go to the owner over Redis and the owner answers them as if the
 * socket were its own (its events reach the socket through socket.io's Redis adapter). A change published where
 * the room does not run (a REST write on another process) is handed to the owner. When the owner dies (its Redis
 * subscription is gone), the next process that needs the meeting takes the lease, opens the room from the
 * database and re-registers the sockets it holds; clients see the version jump and resync.
 */
@Injectable()
export class MeetingRouter implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('MeetingRouter');
  private bus?: ClusterBus;
  private leases?: MeetingLeases;
  private server?: Server;
  private localVisitors: LocalVisitors = () => [];
  /** Sockets of other processes that used a room here and have not said they left. */
  private readonly remote = new RemoteSockets();
  private readonly lastUse = new Map<string, number>();
  private readonly publishChains = new Map<string, Promise<void>>();
  private readonly takingOver = new Map<string, Promise<void>>();
  private readonly takeoverHooks: ((meetingId: string, toMeeting: MeetingEmitter) => void)[] = [];
  private renewTimer?: NodeJS.Timeout;
  /** Shutting down: the sockets' leaves as the server closes are not worth passing on (the leases go back anyway). */
  private closing = false;

  constructor(
    @Optional() @Inject(CLUSTER_OPTIONS) private readonly options: ClusterOptions | null,
    private readonly db: DataSource,
    private readonly hub: RoomHub,
    private readonly requests: SocketRequests,
  ) {}

  get enabled(): boolean {
    return !!this.bus;
  }

  /**
   * For /api/health: this process's id, whether Redis answers, the rooms it runs, and whether it has been subscribed
   * long enough to take over from a process that is gone (`settled`); null with one process.
   */
  health(): { process: string; redis: boolean; meetings: number; settled: boolean } | null {
    if (!this.bus || !this.leases) return null;
    return { process: this.bus.processId, redis: this.bus.ready, meetings: this.leases.heldMeetings().length, settled: this.bus.settled };
  }

  async onModuleInit(): Promise<void> {
    if (!this.options?.redisUrl) return;
    if (this.db.options.type !== 'postgres') throw new Error('REDIS_URL (several API processes) needs DATABASE_URL on PostgreSQL');
    const bus = new ClusterBus(this.options.redisUrl);
    await bus.start();
    this.bus = bus;
    this.leases = new MeetingLeases(this.db, bus.processId);
    this.serveOwnerSide(bus);
    this.hub.forwardElsewhere((meetingId, delta) => this.forwardPublish(meetingId, delta));
    this.renewTimer = setInterval(() => void this.renewLeases(), LEASE_RENEW_MS);
    this.renewTimer.unref();
    this.attachAdapter();
    this.logger.log({ process: bus.processId }, 'Several-process mode: meeting rooms shared over Redis');
  }

  beforeApplicationShutdown(): void {
    this.closing = true;
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.renewTimer);
    await this.leases?.releaseAll().catch(() => undefined);
    await this.bus?.stop();
  }

  /** The gateway's server (deltas to every process's sockets through the Redis adapter) and its sockets' visitors. */
  attach(server: Server, localVisitors: LocalVisitors): void {
    this.server = server;
    this.localVisitors = localVisitors;
    this.attachAdapter();
  }

  // ── the gateway's operations: here when this process owns the meeting, else at the owner ─────────────────

  async join(meetingId: string, audience: RoomAudience, socketId: string, visitor: RoomVisitor | null, connected: () => boolean): Promise<RoomSnapshot> {
    const owner = await this.ownerOf(meetingId);
    if (owner === null) return this.joinHere(meetingId, audience, socketId, visitor, connected, false);
    const snapshot = await this.atOwner<RoomSnapshot>(meetingId, owner, 'join', { meetingId, audience, socketId, visitor }, () =>
      this.joinHere(meetingId, audience, socketId, visitor, connected, false),
    );
    if (!connected()) {
      // Gone while the owner registered it: the disconnect found no room to leave, so leave here.
      if (visitor) this.left(meetingId, visitor, socketId);
      throw new ApiError('AUTH_REQUIRED');
    }
    return snapshot;
  }

  left(meetingId: string, visitor: RoomVisitor, socketId: string): void {
    if (!this.bus || this.leases?.holds(meetingId)) {
      this.leftHere(meetingId, visitor);
      return;
    }
    if (this.closing || !this.leases) return;
    const bus = this.bus;
    // Only the current holder, never taking the lease: leaving must not open a room. No holder, no room to leave.
    void this.leases
      .holder(meetingId)
      .then(async (owner) => {
        if (owner && owner !== bus.processId) await bus.send(owner, 'left', { meetingId, visitor, socketId });
        else this.leftHere(meetingId, visitor);
      })
      .catch((err: unknown) => {
        if (!this.closing) this.logger.warn({ meetingId, err: String(err) }, 'A leave was not passed on');
      });
  }

  async resync(meetingId: string, fromVersion: number, audience: RoomAudience): Promise<RoomResync> {
    const owner = await this.ownerOf(meetingId);
    if (owner === null) return this.hub.resync(meetingId, fromVersion, audience);
    return this.atOwner(meetingId, owner, 'resync', { meetingId, fromVersion, audience }, () => this.hub.resync(meetingId, fromVersion, audience));
  }

  /**
   * A domain request about a meeting: run here when this process owns it (synchronously when the lease is held, so
   * a change is broadcast before the call returns, as with one process), else at the owner. `atOwner` is told the
   * owner's id so the socket's disconnect can be passed on to it.
   */
  request(
    meetingId: string,
    event: DomainRequestEvent,
    socketId: string,
    who: Requester,
    body: unknown,
    here: () => Promise<Ack<unknown>> | Ack<unknown>,
    atOwner: (owner: string) => void,
  ): Promise<Ack<unknown>> | Ack<unknown> {
    if (!this.bus || this.leases?.holds(meetingId)) return here();
    return this.ownerOf(meetingId).then((owner) => {
      if (owner === null) return here();
      atOwner(owner);
      // Run here only when it never reached the dead owner. Sent but unanswered, it may have run there: not repeated;
      // the client sends it again if it wants (ballots carry their submission keys).
      return this.atOwner<Ack<unknown>>(meetingId, owner, 'request', { event, body, socketId, who }, (delivered) => {
        if (delivered) throw new ApiError('MEETING_ROOM_MOVING');
        return here();
      });
    });
  }

  /**
   * The open room's state where it runs (here or at the owner), or null when no room is open: for a plain HTTP
   * request on any process that needs what only the room holds (the display's presented file).
   */
  async liveState(meetingId: string): Promise<MeetingRoomState | null> {
    const here = () => (this.hub.has(meetingId) ? this.hub.snapshot(meetingId).state : null);
    if (!this.bus || !this.leases || this.leases.holds(meetingId)) return here();
    const holder = await this.leases.holder(meetingId);
    if (!holder || holder === this.bus.processId) return here();
    const answer = await this.bus.call<{ ok: true; value: MeetingRoomState | null }>(holder, 'state', { meetingId }).catch(() => null);
    return answer?.value ?? null;
  }

  /** A socket of this process went away: the owners it used forget it (conference peers, remote channels). */
  disconnected(socketId: string, owners: Iterable<string>): void {
    for (const owner of owners) void this.bus?.send(owner, 'disconnected', { socketId }).catch(() => undefined);
  }

  /**
   * A domain whose live part of a meeting does not come back from the database hears when this process takes a
   * meeting over from another (the conference: its media died with that process, so the clients rebuild theirs).
   */
  onTakeover(hook: (meetingId: string, toMeeting: MeetingEmitter) => void): void {
    this.takeoverHooks.push(hook);
  }

  /** Other processes drop the sockets of ended sessions or revoked displays too (each only knows its own), and count sign-in outcomes. */
  everywhere(event: 'sessions-ended' | 'display-revoked' | 'login-outcome', payload: unknown): void {
    if (this.server && this.bus) (this.server.serverSideEmit as (e: string, p: unknown) => boolean)(`phonghop:${event}`, payload);
  }

  // ── internals ───────────────────────────────────────────────────────────────────────────────────────────

  /** null: this process owns the meeting (taking a free or expired lease, opening the room); else the owner's id. */
  private async ownerOf(meetingId: string): Promise<string | null> {
    if (!this.bus || !this.leases) return null;
    this.lastUse.set(meetingId, Date.now());
    if (this.leases.holds(meetingId)) return null;
    const owner = await this.leases.acquire(meetingId);
    if (owner !== this.bus.processId) return owner;
    await this.tookOver(meetingId);
    return null;
  }

  /**
   * Calls the owner; when it is gone (no subscriber on its channel) takes the meeting over and runs `here`.
   * A silent owner that is still subscribed is not taken over: the client is told to retry.
   */
  private async atOwner<T>(meetingId: string, owner: string, op: string, payload: unknown, here: (delivered: boolean) => T | Promise<T>): Promise<T> {
    const bus = this.bus;
    const leases = this.leases;
    if (!bus || !leases) return here(false);
    try {
      const answer = await bus.call<{ ok: true; value: T } | { ok: false; code: string }>(owner, op, payload);
      if (answer.ok) return answer.value;
      throw new ApiError(answer.code as ConstructorParameters<typeof ApiError>[0]);
    } catch (err) {
      if (!(err instanceof ProcessUnreachable)) throw err;
      if (!(await bus.isGone(owner))) throw new ApiError('MEETING_ROOM_MOVING');
      leases.forget(meetingId);
      const now = await leases.acquire(meetingId, owner);
      if (now !== bus.processId) return this.atOwner(meetingId, now, op, payload, here);
      this.logger.warn({ meetingId, from: owner }, 'Took over a meeting whose process is gone');
      await this.tookOver(meetingId);
      return here(err.reason === 'timeout');
    }
  }

  /**
   * This process just got the lease: open the room from the database and count the sockets it already holds. Once
   * per takeover, however many requests found the owner gone at the same moment.
   */
  private tookOver(meetingId: string): Promise<void> {
    let running = this.takingOver.get(meetingId);
    if (!running) {
      running = this.takeOver(meetingId).finally(() => this.takingOver.delete(meetingId));
      this.takingOver.set(meetingId, running);
    }
    return running;
  }

  private async takeOver(meetingId: string): Promise<void> {
    const fresh = !this.hub.has(meetingId);
    await this.hub.open(meetingId);
    if (!fresh) return;
    for (const { visitor } of this.localVisitors(meetingId)) this.connectHere(meetingId, visitor);
    const server = this.server;
    if (!server || !this.bus) return;
    // Other processes' sockets in this meeting register with the new owner.
    (server.serverSideEmit as (e: string, p: unknown) => boolean)('phonghop:meeting-moved', { meetingId, owner: this.bus.processId });
    const toMeeting: MeetingEmitter = (event, ...args) => (server.to(roomName(meetingId)).emit as (e: string, ...a: unknown[]) => boolean)(event, ...args);
    for (const hook of this.takeoverHooks) hook(meetingId, toMeeting);
  }

  private async joinHere(meetingId: string, audience: RoomAudience, _socketId: string, visitor: RoomVisitor | null, connected: () => boolean, remote: boolean): Promise<RoomSnapshot> {
    await this.hub.open(meetingId);
    if (!remote && !connected()) throw new ApiError('AUTH_REQUIRED');
    if (visitor) this.connectHere(meetingId, visitor);
    return this.hub.snapshot(meetingId, audience);
  }

  private connectHere(meetingId: string, visitor: RoomVisitor): void {
    if ('person' in visitor) this.hub.memberConnected(meetingId, visitor.person);
    else this.hub.viewerConnected(meetingId, visitor.viewer);
  }

  private leftHere(meetingId: string, visitor: RoomVisitor): void {
    if ('person' in visitor) this.hub.memberDisconnected(meetingId, visitor.person.userId);
    else this.hub.viewerDisconnected(meetingId, visitor.viewer);
  }

  /** A change made where the room does not run goes to its owner, in the order this process made them. */
  private forwardPublish(meetingId: string, delta: MeetingRoomDelta): void {
    const bus = this.bus;
    const leases = this.leases;
    if (!bus || !leases) return;
    const previous = this.publishChains.get(meetingId) ?? Promise.resolve();
    const next = previous
      .then(async () => {
        const holder = await leases.holder(meetingId);
        // No holder: nobody has the room open, and whoever opens it reads the change from the database.
        if (holder && holder !== bus.processId) await bus.send(holder, 'publish', { meetingId, delta });
      })
      .catch((err: unknown) => this.logger.warn({ meetingId, err: String(err) }, 'A change was not passed to the meeting owner'));
    this.publishChains.set(meetingId, next);
    void next.then(() => {
      if (this.publishChains.get(meetingId) === next) this.publishChains.delete(meetingId);
    });
  }

  private serveOwnerSide(bus: ClusterBus): void {
    const answer = async <T>(run: () => T | Promise<T>) => {
      try {
        return { ok: true, value: await run() };
      } catch (err) {
        if (err instanceof ApiError) return { ok: false, code: err.code };
        throw err;
      }
    };
    type JoinCall = { meetingId: string; audience: RoomAudience; socketId: string; visitor: RoomVisitor | null };
    bus.serve('join', (p, from) => {
      const { meetingId, audience, socketId, visitor } = p as JoinCall;
      this.remote.used(from, socketId);
      this.lastUse.set(meetingId, Date.now());
      return answer(async () => {
        const snapshot = await this.joinHere(meetingId, audience, socketId, visitor, () => true, true);
        if (visitor) this.remote.joined(from, socketId, meetingId, visitor);
        return snapshot;
      });
    });
    bus.serve('left', (p) => {
      const { meetingId, visitor, socketId } = p as { meetingId: string; visitor: RoomVisitor; socketId: string };
      this.remote.left(socketId, meetingId);
      this.leftHere(meetingId, visitor);
    });
    bus.serve('resync', (p) => {
      const { meetingId, fromVersion, audience } = p as { meetingId: string; fromVersion: number; audience: RoomAudience };
      return answer(() => this.hub.resync(meetingId, fromVersion, audience));
    });
    bus.serve('state', (p) => {
      const { meetingId } = p as { meetingId: string };
      return answer(() => (this.hub.has(meetingId) ? this.hub.snapshot(meetingId).state : null));
    });
    bus.serve('publish', (p) => {
      const { meetingId, delta } = p as { meetingId: string; delta: MeetingRoomDelta };
      this.hub.publish(meetingId, delta);
    });
    bus.serve('request', (p, from) => {
      const { event, body, socketId, who } = p as { event: DomainRequestEvent; body: unknown; socketId: string; who: Requester };
      this.remote.used(from, socketId);
      return answer(async () => {
        if ('display' in who) {
          const handler = this.requests.displayHandlerFor(event);
          return handler ? handler(this.remoteChannel(socketId, who.display), body) : { ok: false, error: errorBody('FORBIDDEN') };
        }
        const handler = this.requests.handlerFor(event);
        return handler ? handler(this.remoteChannel(socketId, { user: who.user }), body) : { ok: false, error: errorBody('FORBIDDEN') };
      });
    });
    bus.serve('disconnected', (p) => {
      const { socketId } = p as { socketId: string };
      if (this.remote.gone(socketId)) this.requests.disconnected(this.remoteChannel(socketId, {}));
    });
  }

  /** A socket of another process as a domain sees it: its events travel through the Redis adapter. */
  private remoteChannel<T extends object>(socketId: string, who: T): SocketChannel & T {
    const remote = this.remote;
    const server = this.server;
    const channel: SocketChannel = {
      socketId,
      get connected() {
        return remote.has(socketId);
      },
      emit: (event: keyof ServerToClientEvents, ...args: unknown[]) => {
        if (server) (server.to(socketId).emit as (e: string, ...a: unknown[]) => boolean)(event, ...args);
      },
    } as SocketChannel;
    return Object.assign(channel, who);
  }

  private attachAdapter(): void {
    if (!this.server || !this.bus) return;
    const server = this.server;
    server.adapter(createAdapter(this.bus.adapterPub, this.bus.adapterSub) as never);
    server.on('phonghop:meeting-moved' as never, ((move: { meetingId: string; owner: string }) => {
      const visitors = this.localVisitors(move.meetingId);
      this.leases?.forget(move.meetingId);
      if (visitors.length && this.bus) void this.bus.send(move.owner, 'rejoin', { meetingId: move.meetingId, visitors }).catch(() => undefined);
    }) as never);
    this.bus.serve('rejoin', (p, from) => {
      const { meetingId, visitors } = p as { meetingId: string; visitors: { socketId: string; visitor: RoomVisitor }[] };
      if (!this.hub.has(meetingId)) return;
      for (const { socketId, visitor } of visitors) {
        this.remote.joined(from, socketId, meetingId, visitor);
        this.connectHere(meetingId, visitor);
      }
    });
  }

  private async renewLeases(): Promise<void> {
    if (!this.leases) return;
    const now = Date.now();
    const keep = new Set(this.leases.heldMeetings().filter((m) => this.hub.has(m) || now - (this.lastUse.get(m) ?? 0) < IDLE_LEASE_MS));
    for (const [m, at] of this.lastUse) if (now - at > IDLE_LEASE_MS && !keep.has(m)) this.lastUse.delete(m);
    try {
      for (const lost of await this.leases.renew(keep)) this.hub.evict(lost);
    } catch (err) {
      this.logger.warn({ err: String(err) }, 'Meeting leases not renewed');
    }
    await this.forgetDeadProcesses();
  }

  /**
   * Sockets of a process that died never say they left: undo their presence and tell the domains they are gone
   * (conference peers), as their own process would have. Their devices reconnect elsewhere and join again.
   */
  private async forgetDeadProcesses(): Promise<void> {
    const bus = this.bus;
    if (!bus) return;
    for (const origin of this.remote.origins()) {
      if (!(await bus.isGone(origin))) continue;
      const dropped = this.remote.dropOrigin(origin);
      for (const { socketId, visits } of dropped) {
        for (const [meetingId, visitor] of visits) this.leftHere(meetingId, visitor);
        this.requests.disconnected(this.remoteChannel(socketId, {}));
      }
      this.logger.warn({ process: origin, sockets: dropped.length }, 'Forgot the sockets of a process that is gone');
    }
  }
}
