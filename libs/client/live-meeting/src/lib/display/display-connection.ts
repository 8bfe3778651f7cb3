import { signal } from '@angular/core';
import { NETWORK_ERROR_TEXT, type ClockSource, type RoomTransport } from '@phonghop/client-data-access';
import {
  REALTIME_PATH,
  type Ack,
  type ClientToServerEvents,
  type ConferenceMethod,
  type ConferenceNotification,
  type ConferenceRequests,
  type JoinRoomRequest,
  type ResyncRequest,
  type RoomDeltaMessage,
  type RoomResync,
  type RoomSnapshot,
  type ServerToClientEvents,
} from '@phonghop/contracts';
import { io, type Socket } from 'socket.io-client';

type DisplaySocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const ACK_TIMEOUT_MS = 10_000;

export type DisplayLinkState = 'connecting' | 'live' | 'reconnecting' | 'revoked';

/**
 * The hall display's own socket.io connection: no session cookie, the display token in the handshake's `auth`.
 * It is the `RoomTransport` of the display's `MeetingRoomStore` (the same versioning, resync and rejoin as on the
 * tablets) and the `ClockSource` of its server clock. socket.io reconnects by itself when the link or the server
 * drops (a server restart included); every reconnect is announced so the store joins again. A revoked display is
 * refused (or disconnected by the server) and stays down. It also carries the conference the display receives (the
 * conference lib's `ConferenceChannel`).
 */
export class DisplayConnection implements RoomTransport, ClockSource {
  private readonly socket: DisplaySocket;
  private readonly stateSignal = signal<DisplayLinkState>('connecting');
  private connectedOnce = false;
  private readonly reconnectHandlers = new Set<() => void>();
  private readonly firstConnectHandlers = new Set<() => void>();

  readonly state = this.stateSignal.asReadonly();

  constructor(token: string, factory: typeof io = io) {
    this.socket = factory({ path: REALTIME_PATH, transports: ['websocket'], auth: { displayToken: token } });
    this.socket.on('connect', () => {
      this.stateSignal.set('live');
      if (this.connectedOnce) for (const h of [...this.reconnectHandlers]) h();
      else for (const h of [...this.firstConnectHandlers]) h();
      this.connectedOnce = true;
    });
    this.socket.on('disconnect', (reason) => {
      // The server ending this display on purpose (revoked): socket.io does not retry after that.
      if (reason === 'io server disconnect') this.stateSignal.set('revoked');
      else this.stateSignal.set('reconnecting');
    });
    this.socket.on('session:ended', () => this.stateSignal.set('revoked'));
    this.socket.on('connect_error', () => {
      // Refused by the server's handshake (unknown or revoked token): socket.io gives up; transport errors retry.
      this.stateSignal.set(this.socket.active ? 'reconnecting' : 'revoked');
    });
  }

  /** Runs once, at the first connection (later ones go to `onReconnect`). */
  onFirstConnect(handler: () => void): void {
    if (this.connectedOnce) handler();
    else this.firstConnectHandlers.add(handler);
  }

  join(req: JoinRoomRequest): Promise<Ack<RoomSnapshot>> {
    return this.acked(() => this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('room:join', req));
  }

  resync(req: ResyncRequest): Promise<Ack<RoomResync>> {
    return this.acked(() => this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('room:resync', req));
  }

  leave(req: JoinRoomRequest): Promise<Ack<null>> {
    if (!this.socket.connected) return Promise.resolve({ ok: true, data: null });
    return this.acked(() => this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('room:leave', req));
  }

  clockSync(): Promise<Ack<{ serverTime: number }>> {
    return this.acked(() => this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('clock:sync', null));
  }

  /** Conference signalling, receive-only methods (the server refuses the rest for displays). */
  request<M extends ConferenceMethod>(method: M, data: ConferenceRequests[M]['req']): Promise<Ack<ConferenceRequests[M]['res']>> {
    return this.acked(() => this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('conference:request', { method, data } as Parameters<ClientToServerEvents['conference:request']>[0])) as Promise<
      Ack<ConferenceRequests[M]['res']>
    >;
  }

  onNotification(handler: (n: ConferenceNotification) => void): () => void {
    this.socket.on('conference:notification', handler);
    return () => this.socket.off('conference:notification', handler);
  }

  onDelta(handler: (msg: RoomDeltaMessage) => void): () => void {
    this.socket.on('room:delta', handler);
    return () => this.socket.off('room:delta', handler);
  }

  onReconnect(handler: () => void): () => void {
    this.reconnectHandlers.add(handler);
    return () => this.reconnectHandlers.delete(handler);
  }

  close(): void {
    this.socket.disconnect();
  }

  private async acked<T>(send: () => Promise<Ack<T>>): Promise<Ack<T>> {
    try {
      return await send();
    } catch {
      return { ok: false, error: { statusCode: 0, code: 'SERVICE_UNAVAILABLE', message: { ...NETWORK_ERROR_TEXT } } };
    }
  }
}
