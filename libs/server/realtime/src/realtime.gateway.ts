import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { type OnGatewayConnection, type OnGatewayDisconnect, type OnGatewayInit, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import {
  type Ack,
  type ClientToServerEvents,
  type ErrorCode,
  type MeetingRole,
  REALTIME_PATH,
  type RoomResync,
  type RoomSnapshot,
  SESSION_COOKIE,
  type ServerToClientEvents,
  errorBody,
} from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import { type AuthenticatedUser, SessionEvents, SessionService } from '@phonghop/server-identity';
import type { Server, Socket } from 'socket.io';
import type { Subscription } from 'rxjs';
import { isSameOriginHandshake, readCookie } from './handshake';
import { RoomAccessPolicy } from './room-access.policy';
import { RoomHub } from './room-hub';
import { type ExtensionEvent, type RealtimeClient, SocketRequests } from './socket-requests';
import { UserNotifier, userRoom } from './user-notifier';

interface SocketData {
  user: AuthenticatedUser;
  /** Rooms joined, with the meeting role they were joined under. Kept tiny: it is per connection. */
  joined: Map<string, MeetingRole>;
}
type PhSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type PhServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NOTICE_MAX = 500;

export const roomName = (meetingId: string) => `meeting:${meetingId}`;

/** The socket as other domains see it; made per call (no per-socket allocation kept). */
function clientOf(socket: PhSocket): RealtimeClient {
  return {
    socketId: socket.id,
    user: socket.data.user,
    get connected() {
      return socket.connected;
    },
    emit: (event, ...args) => (socket.emit as (e: string, ...a: unknown[]) => boolean)(event, ...args),
  };
}

function fail(code: ErrorCode): { ok: false; error: ReturnType<typeof errorBody> } {
  return { ok: false, error: errorBody(code) };
}

function meetingIdOf(body: unknown): string | null {
  const id = (body as { meetingId?: unknown } | null)?.meetingId;
  return typeof id === 'string' && UUID.test(id) ? id.toLowerCase() : null;
}

@WebSocketGateway({
  path: REALTIME_PATH,
  serveClient: false,
  allowRequest: (req, callback) => callback(null, isSameOriginHandshake(req)),
})
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy {
  private readonly logger = new Logger('RealtimeGateway');
  private sessionEnded?: Subscription;

  @WebSocketServer() server!: PhServer;

  constructor(
    private readonly sessions: SessionService,
    private readonly sessionEvents: SessionEvents,
    private readonly access: RoomAccessPolicy,
    private readonly hub: RoomHub,
    private readonly users: UserNotifier,
    private readonly extensions: SocketRequests,
  ) {}

  afterInit(server: PhServer): void {
    server.use((socket, next) => {
      this.sessions
        .authenticate(readCookie(socket.handshake.headers.cookie, SESSION_COOKIE))
        .then((auth) => {
          if (!auth) return next(Object.assign(new Error('AUTH_REQUIRED'), { data: errorBody('AUTH_REQUIRED') }));
          socket.data.user = auth.user;
          socket.data.joined = new Map();
          next();
        })
        .catch((err: unknown) => {
          this.logger.error({ err }, 'Handshake authentication failed');
          next(new Error('INTERNAL_ERROR'));
        });
    });
    server.on('connection', this.bindHandlers());
    this.hub.attach((meetingId, msg) => server.to(roomName(meetingId)).emit('room:delta', msg));
    this.users.attach((userIds, event, payload) => {
      const target = server.to(userIds.map(userRoom));
      // The union of event signatures is too wide for socket.io's typed emit; the notifier keeps it typed.
      (target.emit as (e: string, p: unknown) => boolean)(event, payload);
    });
    this.sessionEnded = this.sessionEvents.ended$.subscribe(({ sessionIds }) => this.dropSessions(sessionIds));
  }

  onModuleDestroy(): void {
    this.sessionEnded?.unsubscribe();
  }

  handleConnection(socket: PhSocket): void {
    // Personal events (invitations) reach every device of a person, whatever page it shows.
    if (socket.data.user) void socket.join(userRoom(socket.data.user.id));
  }

  handleDisconnect(socket: PhSocket): void {
    const { user, joined } = socket.data;
    if (!user || !joined) return;
    for (const meetingId of joined.keys()) this.hub.memberDisconnected(meetingId, user.id);
    joined.clear();
    this.extensions.disconnected(clientOf(socket));
  }

  /**
   * Plain socket.on listeners instead of @SubscribeMessage: Nest's IoAdapter gives every subscribed event
   * of every socket its own RxJS pipeline (fromEvent → mergeMap → takeUntil, ~100 closures per socket for
   * our four events), measured at ≈20 KB heap per connection, more than socket.io's own ≈12 KB
   * (test/bench/realtime.bench.mjs, docs/benchmarks.md). The four listeners are created once and shared by
   * all sockets (socket.io calls a listener with `this` = the socket), so a connection adds no closures.
   */
  private bindHandlers(): (socket: PhSocket) => void {
    const listeners = [
      this.listener('room:join', (socket, body) => this.join(socket, body)),
      this.listener('room:leave', (socket, body) => this.leave(socket, body)),
      this.listener('room:resync', (socket, body) => this.resync(socket, body)),
      this.listener('room:notice', (socket, body) => this.notice(socket, body)),
      this.listener('conference:request', (socket, body) => this.extension('conference:request', socket, body)),
    ] as const;
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
          res = handler(this, args[0]); // synchronously, as before: a notice is broadcast before this returns
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
    if (!meetingId) return fail('VALIDATION_FAILED');
    const { user, joined } = socket.data;
    if (!joined.has(meetingId)) {
      const role = await this.guard(() => this.access.roleIn(meetingId, user));
      if (role instanceof ApiError) return fail(role.code);
      if (!role) return fail('MEETING_ACCESS_DENIED');
      const opened = await this.guard(() => this.hub.open(meetingId));
      if (opened instanceof ApiError) return fail(opened.code);
      if (!socket.connected) return fail('AUTH_REQUIRED');
      if (joined.has(meetingId)) return { ok: true, data: this.hub.snapshot(meetingId) };
      // Tell the others first, then join: the snapshot below already contains this person, and no
      // delta can slip in between because nothing here awaits.
      joined.set(meetingId, role);
      this.hub.memberConnected(meetingId, { userId: user.id, fullName: user.fullName, meetingRole: role });
      void socket.join(roomName(meetingId));
    }
    return { ok: true, data: this.hub.snapshot(meetingId) };
  }

  leave(socket: PhSocket, body: unknown): Ack<null> {
    const meetingId = meetingIdOf(body);
    if (!meetingId) return fail('VALIDATION_FAILED');
    if (socket.data.joined.delete(meetingId)) {
      void socket.leave(roomName(meetingId));
      this.hub.memberDisconnected(meetingId, socket.data.user.id);
    }
    return { ok: true, data: null };
  }

  resync(socket: PhSocket, body: unknown): Ack<RoomResync> {
    const meetingId = meetingIdOf(body);
    const fromVersion = (body as { fromVersion?: unknown } | null)?.fromVersion;
    if (!meetingId || typeof fromVersion !== 'number' || !Number.isSafeInteger(fromVersion)) return fail('VALIDATION_FAILED');
    if (!socket.data.joined.has(meetingId)) return fail('MEETING_ACCESS_DENIED');
    return { ok: true, data: this.hub.resync(meetingId, fromVersion) };
  }

  notice(socket: PhSocket, body: unknown): Ack<{ version: number }> {
    const meetingId = meetingIdOf(body);
    const raw = (body as { notice?: unknown } | null)?.notice;
    const notice = typeof raw === 'string' ? raw.trim() || null : raw === null ? null : undefined;
    if (!meetingId || notice === undefined || (notice && notice.length > NOTICE_MAX)) return fail('VALIDATION_FAILED');
    const role = socket.data.joined.get(meetingId);
    if (!role) return fail('MEETING_ACCESS_DENIED');
    if (role !== 'chair' && role !== 'secretary') return fail('FORBIDDEN');
    const msg = this.hub.publish(meetingId, { kind: 'notice.set', notice });
    if (!msg) return fail('INTERNAL_ERROR'); // cannot happen: a joined room is open
    return { ok: true, data: { version: msg.version } };
  }

  /** An event another domain answers (registered with SocketRequests). */
  private extension(event: ExtensionEvent, socket: PhSocket, body: unknown): Promise<Ack<unknown>> | Ack<unknown> {
    const handler = this.extensions.handlerFor(event);
    if (!handler) return fail('NOT_FOUND');
    return handler(clientOf(socket), body);
  }

  private dropSessions(sessionIds: string[]): void {
    const ended = new Set(sessionIds);
    for (const socket of this.server.sockets.sockets.values()) {
      if (ended.has(socket.data.user?.sessionId)) {
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
