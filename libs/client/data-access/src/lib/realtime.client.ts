import { Injectable, inject } from '@angular/core';
import {
  REALTIME_PATH,
  type Ack,
  type ClientToServerEvents,
  type JoinRoomRequest,
  type ResyncRequest,
  type RoomDeltaMessage,
  type RoomResync,
  type RoomSnapshot,
  type ServerToClientEvents,
} from '@phonghop/contracts';
import { io, type Socket } from 'socket.io-client';
import { NETWORK_ERROR_TEXT } from './api-error';
import { MeetingRoomStore, type MeetingRoomStoreOptions } from './meeting-room.store';
import type { RoomTransport } from './room-transport';
import { SessionEvents } from './session-events';

type PhongHopSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const ACK_TIMEOUT_MS = 10_000;

/**
 * The one socket.io connection of this tab (same origin, session cookie). Opened on first use, so
 * pages without live rooms never connect. WebSocket only: meeting-hall Wi-Fi and proxies handle it
 * better than long-polling upgrades, and it avoids sticky-session needs behind a load balancer.
 */
@Injectable({ providedIn: 'root' })
export class RealtimeClient implements RoomTransport {
  private readonly sessionEvents = inject(SessionEvents);
  private socket: PhongHopSocket | null = null;

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
    this.socket?.disconnect();
    this.socket = null;
  }

  private connect(): PhongHopSocket {
    if (this.socket) return this.socket;
    const socket: PhongHopSocket = io({ path: REALTIME_PATH, transports: ['websocket'], withCredentials: true });
    socket.on('session:ended', () => {
      this.disconnect();
      this.sessionEvents.notifySessionLost();
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
