import { Injectable, inject, signal } from '@angular/core';
import {
  REALTIME_PATH,
  type Ack,
  type AnnotationsChangedNotice,
  type ClientToServerEvents,
  type ConferenceMethod,
  type ConferenceNotification,
  type ConferenceRequests,
  type ConferenceResponse,
  type DocumentsChangedNotice,
  type FloorMethod,
  type FloorRequests,
  type FloorResponse,
  type InvitationNotice,
  type JoinRoomRequest,
  type MeetingSummaryDto,
  type PresentationMethod,
  type PresentationRequests,
  type PresentationResponse,
  type ResyncRequest,
  type RoomDeltaMessage,
  type RoomResync,
  type RoomSnapshot,
  type ServerToClientEvents,
  type VoteMethod,
  type VoteRequests,
  type VoteResponse,
} from '@phonghop/contracts';
import { Subject } from 'rxjs';
import { io, type Socket } from 'socket.io-client';
import { NETWORK_ERROR_TEXT } from './api-error';
import { MeetingRoomStore, type MeetingRoomStoreOptions } from './meeting-room.store';
import type { RoomTransport } from './room-transport';
import type { ClockSource } from './server-clock';
import { SessionEvents } from './session-events';

type PhongHopSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const ACK_TIMEOUT_MS = 10_000;

/** The socket's handshake waits at most this long for a page that asked it to (holdRealtimeUntil). */
export const REALTIME_HOLD_MAX_MS = 3000;

/** While set, a new socket waits for it before connecting (handlers can be added meanwhile). */
let connectHold: Promise<void> | null = null;

/**
 * The app opened on a page whose first drawing matters more than the socket (a link straight to a document: pdf.js
 * draws page 1): the socket's handshake, on both the tablet's and the server's CPU, waits until `until` settles, at
 * most REALTIME_HOLD_MAX_MS. Nothing live is lost: the page joins its room later anyway, and the room's snapshot
 * brings the state.
 */
export function holdRealtimeUntil(until: Promise<unknown>, maxMs = REALTIME_HOLD_MAX_MS): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hold: Promise<void> = Promise.race([until.then(noop, noop), new Promise<void>((resolve) => (timer = setTimeout(resolve, maxMs)))]).then(() => {
    clearTimeout(timer);
    if (connectHold === hold) connectHold = null;
  });
  connectHold = hold;
}

const noop = (): void => undefined;

/**
 * The one socket.io connection of this tab (same origin, session cookie). The session store opens it
 * as soon as someone is signed in (`start()`), so personal events — a new invitation, a meeting that
 * moved or was cancelled — arrive on any page; rooms use the same connection. WebSocket only:
 * meeting-hall Wi-Fi and proxies handle it better than long-polling upgrades, and it avoids
 * sticky-session needs behind a load balancer.
 */
@Injectable({ providedIn: 'root' })
export class RealtimeClient implements RoomTransport, ClockSource {
  private readonly sessionEvents = inject(SessionEvents);
  private socket: PhongHopSocket | null = null;
  /** start() was called and no disconnect() since. */
  private signedIn = false;

  private readonly invitationSubject = new Subject<InvitationNotice>();
  private readonly meetingChangedSubject = new Subject<MeetingSummaryDto>();
  private readonly documentsChangedSubject = new Subject<DocumentsChangedNotice>();
  private readonly annotationsChangedSubject = new Subject<AnnotationsChangedNotice>();
  private readonly reconnectedSubject = new Subject<void>();

  /** A meeting the user is invited to was published, or the user became someone's proxy. */
  readonly invitations$ = this.invitationSubject.asObservable();
  /** A meeting in the user's list changed: time, place, status (cancellation included). */
  readonly meetingChanged$ = this.meetingChangedSubject.asObservable();
  /** Published documents of one of the user's meetings changed (published, new version, deleted). */
  readonly documentsChanged$ = this.documentsChangedSubject.asObservable();
  /** Annotations this person sees changed: their own made on another device, or ones shared with (or taken from) them. */
  readonly annotationsChanged$ = this.annotationsChangedSubject.asObservable();
  /** The connection came back after a drop: lists may have missed events and should reload. */
  readonly reconnected$ = this.reconnectedSubject.asObservable();
  private readonly connectedSignal = signal(false);
  /** The socket is up now (false while the network or the server is away and socket.io retries). */
  readonly connected = this.connectedSignal.asReadonly();

  /** Connects now (idempotent): call once the user is signed in. */
  start(): void {
    this.signedIn = true;
    this.connect();
  }

  /**
   * Connects at app start, before anyone knows whether the session cookie is still good: the handshake then runs
   * beside `/api/auth/me` instead of after it. Refused (nobody signed in), the socket is dropped and `start()`
   * opens another after sign-in.
   */
  connectEarly(): void {
    this.connect();
  }

  /** A store for one meeting's room; call `join()` on it, and `close()` when the page goes. */
  openRoom(meetingId: string, options?: MeetingRoomStoreOptions): MeetingRoomStore {
    return new MeetingRoomStore(this, meetingId, options);
  }

  join(req: JoinRoomRequest): Promise<Ack<RoomSnapshot>> {
    return this.request((s) => s.timeout(ACK_TIMEOUT_MS).emitWithAck('room:join', req));
  }

  resync(req: ResyncRequest): Promise<Ack<RoomResync>> {
    return this.request((s) => s.timeout(ACK_TIMEOUT_MS).emitWithAck('room:resync', req));
  }

  leave(req: JoinRoomRequest): Promise<Ack<null>> {
    if (!this.socket?.connected) return Promise.resolve({ ok: true, data: null });
    return this.request((s) => s.timeout(ACK_TIMEOUT_MS).emitWithAck('room:leave', req));
  }

  onDelta(handler: (msg: RoomDeltaMessage) => void): () => void {
    const socket = this.connect();
    socket.on('room:delta', handler);
    return () => socket.off('room:delta', handler);
  }

  /** A conference signalling request (see contracts/conference.ts), answered by the server's ack. */
  conference<M extends ConferenceMethod>(method: M, data: ConferenceRequests[M]['req']): Promise<ConferenceResponse<M>> {
    return this.request((s) =>
      s.timeout(ACK_TIMEOUT_MS).emitWithAck('conference:request', { method, data } as Parameters<ClientToServerEvents['conference:request']>[0]),
    ) as Promise<ConferenceResponse<M>>;
  }

  /** A live-meeting request (floor, speakers list, attendance; see contracts/live-meeting.ts), answered by the ack. */
  floor<M extends FloorMethod>(method: M, data: FloorRequests[M]['req']): Promise<FloorResponse<M>> {
    return this.request((s) =>
      s.timeout(ACK_TIMEOUT_MS).emitWithAck('floor:request', { method, data } as Parameters<ClientToServerEvents['floor:request']>[0]),
    ) as Promise<FloorResponse<M>>;
  }

  /**
   * A voting request (open, close, myBallots, cast; see contracts/voting-live.ts), answered by the ack. A timeout
   * or a dropped socket answers SERVICE_UNAVAILABLE with statusCode 0: the outcome is unknown, not a refusal.
   */
  voteRequest<M extends VoteMethod>(method: M, data: VoteRequests[M]['req']): Promise<VoteResponse<M>> {
    return this.request((s) =>
      s.timeout(ACK_TIMEOUT_MS).emitWithAck('vote:request', { method, data } as Parameters<ClientToServerEvents['vote:request']>[0]),
    ) as Promise<VoteResponse<M>>;
  }

  /**
   * A presenter-mode request (start, view, stroke, points, clearInk, stop; see contracts/presentation.ts), answered by
   * the ack; a timeout or a dropped socket answers SERVICE_UNAVAILABLE with statusCode 0.
   */
  presentationRequest<M extends PresentationMethod>(method: M, data: PresentationRequests[M]['req']): Promise<PresentationResponse<M>> {
    return this.request((s) =>
      s.timeout(ACK_TIMEOUT_MS).emitWithAck('presentation:request', { method, data } as Parameters<ClientToServerEvents['presentation:request']>[0]),
    ) as Promise<PresentationResponse<M>>;
  }

  /** One `clock:sync` round trip (see ServerClock). */
  clockSync(): Promise<Ack<{ serverTime: number }>> {
    return this.request((s) => s.timeout(ACK_TIMEOUT_MS).emitWithAck('clock:sync', null));
  }

  onConference(handler: (notice: ConferenceNotification) => void): () => void {
    const socket = this.connect();
    socket.on('conference:notification', handler);
    return () => socket.off('conference:notification', handler);
  }

  onReconnect(handler: () => void): () => void {
    const socket = this.connect();
    let connectedOnce = socket.connected;
    const listener = () => {
      if (connectedOnce) handler();
      connectedOnce = true;
    };
    socket.on('connect', listener);
    return () => socket.off('connect', listener);
  }

  /** On sign-out: the server would end the socket anyway, but we stop reconnect attempts now. */
  disconnect(): void {
    this.signedIn = false;
    this.connectedSignal.set(false);
    this.socket?.disconnect();
    this.socket = null;
  }

  private connect(): PhongHopSocket {
    if (this.socket) return this.socket;
    const hold = connectHold;
    const socket: PhongHopSocket = io({ path: REALTIME_PATH, transports: ['websocket'], withCredentials: true, autoConnect: !hold });
    if (hold) void hold.then(() => this.socket === socket && !socket.connected && socket.connect());
    socket.on('session:ended', () => {
      this.disconnect();
      this.sessionEvents.notifySessionLost();
    });
    socket.on('invitation:new', (notice) => this.invitationSubject.next(notice));
    socket.on('meeting:changed', (meeting) => this.meetingChangedSubject.next(meeting));
    socket.on('documents:changed', (notice) => this.documentsChangedSubject.next(notice));
    socket.on('annotations:changed', (notice) => this.annotationsChangedSubject.next(notice));
    const openedSignedIn = this.signedIn;
    socket.on('connect_error', () => {
      // Refused by the server (no valid session when the handshake left): socket.io gives up on this one.
      if (socket.active || this.socket !== socket) return;
      this.socket = null;
      // The early socket left before the login finished: once more, with the new cookie.
      if (!openedSignedIn && this.signedIn) this.connect();
    });
    socket.on('disconnect', () => {
      if (this.socket === socket) this.connectedSignal.set(false);
    });
    let connectedOnce = false;
    socket.on('connect', () => {
      this.connectedSignal.set(true);
      if (connectedOnce) this.reconnectedSubject.next();
      connectedOnce = true;
    });
    this.socket = socket;
    return socket;
  }

  private async request<T>(send: (socket: PhongHopSocket) => Promise<Ack<T>>): Promise<Ack<T>> {
    try {
      return await send(this.connect());
    } catch {
      return { ok: false, error: { statusCode: 0, code: 'SERVICE_UNAVAILABLE', message: { ...NETWORK_ERROR_TEXT } } };
    }
  }
}
