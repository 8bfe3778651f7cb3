import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { type OnGatewayConnection, type OnGatewayDisconnect, type OnGatewayInit, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import {
  type Ack,
  type ClientToServerEvents,
  type ErrorCode,
  REALTIME_PATH,
  ROOM_AUDIENCES,
  type RoomAudience,
  type RoomResync,
  type RoomSnapshot,
  SESSION_COOKIE,
  type ServerToClientEvents,
  errorBody,
  isUuid,
} from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import { type AuthenticatedUser, SessionEvents, SessionService } from '@phonghop/server-identity';
import type { Server, Socket } from 'socket.io';
import type { Subscription } from 'rxjs';
import { isSameOriginHandshake, readCookie } from './handshake';
import { DisplayAccessPolicy, RoomAccessPolicy, type RoomMember } from './room-access.policy';
import { RoomHub } from './room-hub';
import { type DomainRequestEvent, type SocketChannel, SocketRequests } from './socket-requests';
import { UserNotifier, userRoom } from './user-notifier';

interface SocketData {
  /** The signed-in person; absent on a display screen's socket. */
  user?: AuthenticatedUser;
  /** A hall display: reads one meeting's room, nothing else. */
  display?: { displayId: string; meetingId: string };
  /** Rooms joined, with the member's standing and the audiences joined. Kept tiny: it is per connection. */
  joined: Map<string, { member: RoomMember | null; audiences: Set<RoomAudience> }>;
}
type PhSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type PhServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const DISPLAY_TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

/** The socket.io room of one audience of a meeting. */
export const roomName = (meetingId: string, audience: RoomAudience = 'everyone') =>
  audience === 'everyone' ? `meeting:${meetingId}` : `meeting:${meetingId}:${audience}`;

/** The socket as other domains see it, with who is behind it; made per call (no per-socket allocation kept). */
function channelOf<T extends object>(socket: PhSocket, who: T): SocketChannel & T {
  const channel: SocketChannel = {
    socketId: socket.id,
    get connected() {
      return socket.connected; // read when asked: a domain keeps the channel while the socket may go
    },
    emit: (event, ...args) => (socket.emit as (e: string, ...a: unknown[]) => boolean)(event, ...args),
  };
  return Object.assign(channel, who);
}

function fail(code: ErrorCode): { ok: false; error: ReturnType<typeof errorBody> } {
  return { ok: false, error: errorBody(code) };
}

function meetingIdOf(body: unknown): string | null {
  const id = (body as { meetingId?: unknown } | null)?.meetingId;
  return isUuid(id) ? id.toLowerCase() : null;
}

function audienceOf(body: unknown): RoomAudience | null {
  const a = (body as { audience?: unknown } | null)?.audience;
  if (a === undefined) return 'everyone';
  return (ROOM_AUDIENCES as readonly unknown[]).includes(a) ? (a as RoomAudience) : null;
}

@WebSocketGateway({
  path: REALTIME_PATH,
  serveClient: false,
  allowRequest: (req, callback) => callback(null, isSameOriginHandshake(req)),
})
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy {
  private readonly logger = new Logger('RealtimeGateway');
  private readonly subscriptions: Subscription[] = [];
  private bind?: (socket: PhSocket) => void;

  @WebSocketServer() server!: PhServer;

  constructor(
    private readonly sessions: SessionService,
    private readonly sessionEvents: SessionEvents,
    private readonly access: RoomAccessPolicy,
    private readonly displays: DisplayAccessPolicy,
    private readonly hub: RoomHub,
    private readonly users: UserNotifier,
    private readonly requests: SocketRequests,
  ) {}

  afterInit(server: PhServer): void {
    server.use((socket, next) => {
      socket.data.joined = new Map();
      const displayToken = (socket.handshake.auth as { displayToken?: unknown } | undefined)?.displayToken;
      const authenticate =
        typeof displayToken === 'string'
          ? this.authenticateDisplay(socket, displayToken)
          : this.sessions.authenticate(readCookie(socket.handshake.headers.cookie, SESSION_COOKIE)).then((auth) => {
              if (auth) socket.data.user = auth.user;
              return !!auth;
            });
      authenticate
        .then((ok) => (ok ? next() : next(Object.assign(new Error('AUTH_REQUIRED'), { data: errorBody('AUTH_REQUIRED') }))))
        .catch((err: unknown) => {
          this.logger.error({ err }, 'Handshake authentication failed');
          next(new Error('INTERNAL_ERROR'));
        });
    });
    server.on('connection', (socket) => (this.bind ??= this.bindHandlers())(socket));
    this.hub.attach((meetingId, msg) => server.to(roomName(meetingId, msg.audience)).emit('room:delta', msg));
    this.users.attach((userIds, event, payload) => {
      const target = server.to(userIds.map(userRoom));
      // The union of event signatures is too wide for socket.io's typed emit; the notifier keeps it typed.
      (target.emit as (e: string, p: unknown) => boolean)(event, payload);
    });
    this.subscriptions.push(
      this.sessionEvents.ended$.subscribe(({ sessionIds }) => this.dropSessions(sessionIds)),
      this.displays.revoked$.subscribe((displayId) => this.dropDisplay(displayId)),
    );
  }

  onModuleDestroy(): void {
    for (const s of this.subscriptions) s.unsubscribe();
  }

  handleConnection(socket: PhSocket): void {
    // Personal events (invitations) reach every device of a person, whatever page it shows.
    if (socket.data.user) void socket.join(userRoom(socket.data.user.id));
  }

  handleDisconnect(socket: PhSocket): void {
    const { user, display, joined } = socket.data;
    if (!joined) return;
    for (const meetingId of joined.keys()) this.left(socket, meetingId);
    joined.clear();
    if (user || display) this.requests.disconnected(channelOf(socket, {}));
  }

  /**
   * Plain socket.on listeners instead of @SubscribeMessage: Nest's IoAdapter gives every subscribed event
   * of every socket its own RxJS pipeline (fromEvent → mergeMap → takeUntil, ~100 closures per socket for
   * our four events), measured at ≈20 KB heap per connection, more than socket.io's own ≈12 KB
   * (test/bench/realtime.bench.mjs, docs/benchmarks.md). The listeners are created once, at the first
   * connection (every domain has registered its events by then), and shared by all sockets (socket.io calls a
   * listener with `this` = the socket), so a connection adds no closures.
   */
  private bindHandlers(): (socket: PhSocket) => void {
    const listeners = [
      this.listener('room:join', (socket, body) => this.join(socket, body)),
      this.listener('room:leave', (socket, body) => this.leave(socket, body)),
      this.listener('room:resync', (socket, body) => this.resync(socket, body)),
      this.listener('clock:sync', () => ({ ok: true, data: { serverTime: Date.now() } })),
      ...this.requests.events().map((event) => this.listener(event, (socket, body) => this.domainRequest(event, socket, body))),
    ];
    return (socket) => {
      for (const [event, listener] of listeners) socket.on(event, listener);
    };
  }

  /** A listener that runs `handler` and acks its answer; an unexpected failure is logged and acked as INTERNAL_ERROR. */
  private listener(
    event: keyof ClientToServerEvents,
    handler: (socket: PhSocket, body: unknown) => Ack<unknown> | Promise<Ack<unknown>>,
  ): [keyof ClientToServerEvents, (this: PhSocket, ...args: unknown[]) => void] {
    const failed = (err: unknown): Ack<unknown> => {
      this.logger.error({ err }, `Realtime handler ${event} failed`);
      return fail('INTERNAL_ERROR');
    };
    return [
      event,
      function (this: PhSocket, ...args: unknown[]): void {
        // Like Nest's payload mapping: a trailing function is the ack, the argument before it the body.
        const ack = typeof args.at(-1) === 'function' ? (args.pop() as (res: Ack<unknown>) => void) : undefined;
        let res: Ack<unknown> | Promise<Ack<unknown>>;
        try {
          res = handler(this, args[0]); // synchronously: a change is broadcast before this returns
        } catch (err) {
          res = failed(err);
        }
        void Promise.resolve(res)
          .catch(failed)
          .then((answer) => ack?.(answer));
      },
    ];
  }

  async join(socket: PhSocket, body: unknown): Promise<Ack<RoomSnapshot>> {
    const meetingId = meetingIdOf(body);
    const audience = audienceOf(body);
    if (!meetingId || !audience) return fail('VALIDATION_FAILED');
    const { user, display, joined } = socket.data;
    const already = joined.get(meetingId);
    if (already?.audiences.has(audience)) return { ok: true, data: this.hub.snapshot(meetingId, audience) };
    let member = already?.member ?? null;
    if (display) {
      // A display reads its own meeting's public channel and nothing else.
      if (display.meetingId !== meetingId || audience !== 'everyone') return fail('MEETING_ACCESS_DENIED');
    } else if (user && !already) {
      const found = await this.guard(() => this.access.memberOf(meetingId, user));
      if (found instanceof ApiError) return fail(found.code);
      if (!found) return fail('MEETING_ACCESS_DENIED');
      member = found;
    }
    if (audience === 'hosts' && !member?.mayPreside) return fail('FORBIDDEN');
    const opened = await this.guard(() => this.hub.open(meetingId));
    if (opened instanceof ApiError) return fail(opened.code);
    if (!socket.connected) return fail('AUTH_REQUIRED');
    const entry = joined.get(meetingId) ?? { member, audiences: new Set<RoomAudience>() };
    if (entry.audiences.has(audience)) return { ok: true, data: this.hub.snapshot(meetingId, audience) };
    // Tell the others first, then join: the snapshot below already contains this person, and no delta can
    // slip in between because nothing here awaits.
    if (!joined.has(meetingId)) {
      joined.set(meetingId, entry);
      if (display) this.hub.viewerConnected(meetingId, display.displayId);
      else if (user && member) this.hub.memberConnected(meetingId, { userId: user.id, fullName: user.fullName, meetingRole: member.meetingRole });
    }
    entry.audiences.add(audience);
    void socket.join(roomName(meetingId, audience));
    return { ok: true, data: this.hub.snapshot(meetingId, audience) };
  }

  /** Leaving the hosts' channel keeps the room; leaving everyone's leaves the room altogether. */
  leave(socket: PhSocket, body: unknown): Ack<null> {
    const meetingId = meetingIdOf(body);
    const audience = audienceOf(body);
    if (!meetingId || !audience) return fail('VALIDATION_FAILED');
    const entry = socket.data.joined.get(meetingId);
    if (!entry) return { ok: true, data: null };
    if (audience === 'hosts') {
      entry.audiences.delete('hosts');
      void socket.leave(roomName(meetingId, 'hosts'));
      return { ok: true, data: null };
    }
    this.left(socket, meetingId);
    socket.data.joined.delete(meetingId);
    return { ok: true, data: null };
  }

  resync(socket: PhSocket, body: unknown): Ack<RoomResync> {
    const meetingId = meetingIdOf(body);
    const audience = audienceOf(body);
    const fromVersion = (body as { fromVersion?: unknown } | null)?.fromVersion;
    if (!meetingId || !audience || typeof fromVersion !== 'number' || !Number.isSafeInteger(fromVersion)) return fail('VALIDATION_FAILED');
    if (!socket.data.joined.get(meetingId)?.audiences.has(audience)) return fail('MEETING_ACCESS_DENIED');
    return { ok: true, data: this.hub.resync(meetingId, fromVersion, audience) };
  }

  /** An event a domain answers (registered with SocketRequests); a display only what a domain opened to displays. */
  private domainRequest(event: DomainRequestEvent, socket: PhSocket, body: unknown): Promise<Ack<unknown>> | Ack<unknown> {
    const { user, display } = socket.data;
    if (display) {
      const forDisplay = this.requests.displayHandlerFor(event);
      return forDisplay ? forDisplay(channelOf(socket, display), body) : fail('FORBIDDEN');
    }
    const handler = user && this.requests.handlerFor(event);
    if (!handler) return fail('FORBIDDEN');
    return handler(channelOf(socket, { user }), body);
  }

  private left(socket: PhSocket, meetingId: string): void {
    const entry = socket.data.joined.get(meetingId);
    if (!entry) return;
    for (const audience of entry.audiences) void socket.leave(roomName(meetingId, audience));
    entry.audiences.clear();
    const { user, display } = socket.data;
    if (display) this.hub.viewerDisconnected(meetingId, display.displayId);
    else if (user) this.hub.memberDisconnected(meetingId, user.id);
  }

  private async authenticateDisplay(socket: PhSocket, token: string): Promise<boolean> {
    if (!DISPLAY_TOKEN.test(token)) return false;
    const display = await this.displays.displayOf(token);
    if (display) socket.data.display = display;
    return !!display;
  }

  private dropSessions(sessionIds: string[]): void {
    const ended = new Set(sessionIds);
    for (const socket of this.server.sockets.sockets.values()) {
      if (socket.data.user && ended.has(socket.data.user.sessionId)) {
        socket.emit('session:ended');
        socket.disconnect(true);
      }
    }
  }

  private dropDisplay(displayId: string): void {
    for (const socket of this.server.sockets.sockets.values()) {
      if (socket.data.display?.displayId === displayId) {
        socket.emit('session:ended');
        socket.disconnect(true);
      }
    }
  }

  private async guard<T>(fn: () => Promise<T>): Promise<T | ApiError> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof ApiError) return err;
      this.logger.error({ err }, 'Realtime handler failed');
      return new ApiError('INTERNAL_ERROR');
    }
  }
}
