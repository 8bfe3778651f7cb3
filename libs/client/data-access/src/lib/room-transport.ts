import type { Ack, JoinRoomRequest, ResyncRequest, RoomDeltaMessage, RoomResync, RoomSnapshot } from '@phonghop/contracts';

/**
 * What a meeting room store needs from the wire. The socket.io client implements it; unit tests
 * use a small fake, which keeps the versioning logic testable without a server.
 */
export interface RoomTransport {
  join(req: JoinRoomRequest): Promise<Ack<RoomSnapshot>>;
  resync(req: ResyncRequest): Promise<Ack<RoomResync>>;
  leave(req: JoinRoomRequest): Promise<Ack<null>>;
  /** Returns the unsubscribe function. */
  onDelta(handler: (msg: RoomDeltaMessage) => void): () => void;
  /** Fires after a dropped connection is back; rooms must be joined again (the server forgot them). */
  onReconnect(handler: () => void): () => void;
}
