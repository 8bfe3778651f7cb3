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
import { ApiError, unexpectedErrorCode } from '@phonghop/server-core';
import { type AuthenticatedUser, LoginThrottle, type LoginOutcome, SessionEvents, SessionService } from '@phonghop/server-identity';
import type { Server, Socket } from 'socket.io';
import type { Subscription } from 'rxjs';
import { MeetingRouter, type Requester, type RoomVisitor } from './cluster/meeting-router';
import { isSameOriginHandshake, readCookie } from './handshake';
import { DisplayAccessPolicy, RoomAccessPolicy, type RoomMember } from './room-access.policy';
import { RoomHub } from './room-hub';
import { roomName } from './room-names';
import { type DomainRequestEvent, type SocketChannel, SocketRequests } from './socket-requests';
import { UserNotifier, userRoom } from './user-notifier';

interface SocketData {
  /** The signed-in person; absent on a display screen's socket. */
  user?: AuthenticatedUser;
  /** A hall display: reads one meeting's room, nothing else. */
  display?: { displayId: string; meetingId: string };
  /** Rooms joined, with the member's standing and the audiences joined. Kept tiny: it is per connection. */
  joined: Map<string, { member: RoomMember | null; audiences: Set<RoomAudience> }>;
  /** First joins in flight, per meeting: a second join of the same meeting waits for the first. */
  joining?: Map<string, Promise<unknown>>;
  /** With several processes: the owners this socket sent requests to, told when it goes. */
  owners?: Set<string>;
}
type PhSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type PhServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const DISPLAY_TOKEN = /^[A-Za-z0-9_-]{20,100}$/;


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

/** The meeting a domain request is about: `{ meetingId }` or `{ method, data: { meetingId } }`. */
function requestMeetingOf(body: unknown): string | null {
  return meetingIdOf(body) ?? meetingIdOf((body as { data?: unknown } | null)?.data);
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
    private readonly router: MeetingRouter,
    private readonly loginThrottle: LoginThrottle,
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
          const code = unexpectedErrorCode(err); // DATABASE_UNAVAILABLE while PostgreSQL restarts: the client retries
          next(Object.assign(new Error(code), { data: errorBody(code) }));
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
      this.sessionEvents.ended$.subscribe(({ sessionIds }) => {
        this.dropSessions(sessionIds);
        this.router.everywhere('sessions-ended', sessionIds);
      }),
      this.displays.revoked$.subscribe((displayId) => {
        this.dropDisplay(displayId);
        this.router.everywhere('display-revoked', displayId);
      }),
    );
    // Sent by the other API processes (socket.io's server-side events through the Redis adapter).
    server.on('phonghop:sessions-ended' as never, ((ids: string[]) => this.dropSessions(ids)) as never);
    server.on('phonghop:display-revoked' as never, ((id: string) => this.dropDisplay(id)) as never);
    // Sign-in delays hold across processes: each tells the others what it saw.
    this.loginThrottle.share((outcome) => this.router.everywhere('login-outcome', outcome));
    server.on('phonghop:login-outcome' as never, ((outcome: LoginOutcome) => this.loginThrottle.receive(outcome)) as never);
    this.router.attach(server as unknown as Server, (meetingId) => this.visitorsOf(meetingId));
  }

  onModuleDestroy(): void {
    for (const s of this.subscriptions) s.unsubscribe();
  }

  handleConnection(socket: PhSocket): void {
    // Personal events (invitations) reach every device of a person, whatever page it shows.
    if (socket.data.user) void socket.join(userRoom(socket.data.user.id));
  }

  handleDisconnect(socket: PhSocket): void {
    const { user, display, joined, owners } = socket.data;
    if (!joined) return;
    for (const meetingId of joined.keys()) this.left(socket, meetingId);
    joined.clear();
    if (user || display) this.requests.disconnected(channelOf(socket, {}));
    if (owners) this.router.disconnected(socket.id, owners);
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
      return fail(unexpectedErrorCode(err));
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
    const { joined } = socket.data;
    // One first join per meeting at a time (the everyone and hosts channels are often asked for together): the
    // person must be counted in presence once.
    const joining = (socket.data.joining ??= new Map());
    for (let inFlight = joining.get(meetingId); inFlight; inFlight = joining.get(meetingId)) await inFlight.catch(() => undefined);
    if (joined.has(meetingId)) return this.joinAudience(socket, meetingId, audience);
    const first = this.joinAudience(socket, meetingId, audience);
    joining.set(meetingId, first);
    try {
      return await first;
    } finally {
      joining.delete(meetingId);
    }
  }

  private async joinAudience(socket: PhSocket, meetingId: string, audience: RoomAudience): Promise<Ack<RoomSnapshot>> {
    const { user, display, joined } = socket.data;
    const already = joined.get(meetingId);
    if (already?.audiences.has(audience)) return this.snapshotFor(socket, meetingId, audience, null);
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
    const visitor: RoomVisitor | null = already ? null : display ? { viewer: display.displayId } : user && member ? { person: { userId: user.id, fullName: user.fullName, meetingRole: member.meetingRole } } : null;
    // In the socket.io room before the snapshot is taken: with several processes the owner's next delta may come
    // before the answer, and a client that saw a gap resyncs. With one, nothing awaits between the two.
    void socket.join(roomName(meetingId, audience));
    const answer = await this.snapshotFor(socket, meetingId, audience, visitor);
    if (!answer.ok) {
      if (!joined.get(meetingId)?.audiences.has(audience)) void socket.leave(roomName(meetingId, audience));
      return answer;
    }
    const entry = joined.get(meetingId) ?? { member, audiences: new Set<RoomAudience>() };
    joined.set(meetingId, entry);
    entry.audiences.add(audience);
    return answer;
  }

  /** The room's snapshot, here or at the meeting's owner; `visitor` (first join) is counted in presence there. */
  private async snapshotFor(socket: PhSocket, meetingId: string, audience: RoomAudience, visitor: RoomVisitor | null): Promise<Ack<RoomSnapshot>> {
    const snapshot = await this.guard(() => this.router.join(meetingId, audience, socket.id, visitor, () => socket.connected));
    if (snapshot instanceof ApiError) return fail(snapshot.code);
    return { ok: true, data: snapshot };
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

  async resync(socket: PhSocket, body: unknown): Promise<Ack<RoomResync>> {
    const meetingId = meetingIdOf(body);
    const audience = audienceOf(body);
    const fromVersion = (body as { fromVersion?: unknown } | null)?.fromVersion;
    if (!meetingId || !audience || typeof fromVersion !== 'number' || !Number.isSafeInteger(fromVersion)) return fail('VALIDATION_FAILED');
    if (!socket.data.joined.get(meetingId)?.audiences.has(audience)) return fail('MEETING_ACCESS_DENIED');
    const resync = await this.guard(() => this.router.resync(meetingId, fromVersion, audience));
    return resync instanceof ApiError ? fail(resync.code) : { ok: true, data: resync };
  }

  /** An event a domain answers (registered with SocketRequests); a display only what a domain opened to displays. */
  private domainRequest(event: DomainRequestEvent, socket: PhSocket, body: unknown): Promise<Ack<unknown>> | Ack<unknown> {
    const { user, display } = socket.data;
    let here: () => Promise<Ack<unknown>> | Ack<unknown>;
    let who: Requester;
    if (display) {
      const forDisplay = this.requests.displayHandlerFor(event);
      if (!forDisplay) return fail('FORBIDDEN');
      here = () => forDisplay(channelOf(socket, display), body);
      who = { display };
    } else {
      const handler = user && this.requests.handlerFor(event);
      if (!user || !handler) return fail('FORBIDDEN');
      here = () => handler(channelOf(socket, { user }), body);
      who = { user };
    }
    const meetingId = requestMeetingOf(body);
    if (!meetingId) return here();
    // Runs where the meeting's room runs (this process unless there are several).
    const answer = this.router.request(meetingId, event, socket.id, who, body, here, (owner) => (socket.data.owners ??= new Set()).add(owner));
    return answer instanceof Promise ? answer.catch((err: unknown) => (err instanceof ApiError ? fail(err.code) : Promise.reject(err))) : answer;
  }

  private left(socket: PhSocket, meetingId: string): void {
    const entry = socket.data.joined.get(meetingId);
    if (!entry) return;
    for (const audience of entry.audiences) void socket.leave(roomName(meetingId, audience));
    entry.audiences.clear();
    const { user, display } = socket.data;
    if (display) this.router.left(meetingId, { viewer: display.displayId }, socket.id);
    else if (user && entry.member) this.router.left(meetingId, { person: { userId: user.id, fullName: user.fullName, meetingRole: entry.member.meetingRole } }, socket.id);
  }

  /** Who this process's sockets in a meeting are (a new owner counts them in presence). */
  private visitorsOf(meetingId: string): { socketId: string; visitor: RoomVisitor }[] {
    const out: { socketId: string; visitor: RoomVisitor }[] = [];
    for (const socket of this.server.sockets.sockets.values()) {
      const entry = socket.data.joined?.get(meetingId);
      if (!entry) continue;
      if (socket.data.display) out.push({ socketId: socket.id, visitor: { viewer: socket.data.display.displayId } });
      else if (socket.data.user && entry.member) {
        out.push({ socketId: socket.id, visitor: { person: { userId: socket.data.user.id, fullName: socket.data.user.fullName, meetingRole: entry.member.meetingRole } } });
      }
    }
    return out;
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
      return new ApiError(unexpectedErrorCode(err));
    }
  }
}
