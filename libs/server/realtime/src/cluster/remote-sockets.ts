import type { RoomVisitor } from './meeting-router';

interface RemoteSocket {
  origin: string;
  /** The rooms it joined here, with who it was counted as in their presence. */
  visits: Map<string, RoomVisitor>;
}

/**
 * The owner's record of the sockets of other processes that use its rooms: which process each is on and where it
 * was counted in presence. A socket that says it left is forgotten; when its whole process dies (it cannot say so),
 * `dropOrigin` hands back everything to undo, so nobody stays shown as connected and no conference peer lingers.
 */
export class RemoteSockets {
  private readonly sockets = new Map<string, RemoteSocket>();

  has(socketId: string): boolean {
    return this.sockets.has(socketId);
  }

  used(origin: string, socketId: string): RemoteSocket {
    let socket = this.sockets.get(socketId);
    if (!socket) {
      socket = { origin, visits: new Map() };
      this.sockets.set(socketId, socket);
    }
    return socket;
  }

  joined(origin: string, socketId: string, meetingId: string, visitor: RoomVisitor): void {
    this.used(origin, socketId).visits.set(meetingId, visitor);
  }

  left(socketId: string, meetingId: string): void {
    this.sockets.get(socketId)?.visits.delete(meetingId);
  }

  /** The socket disconnected (its process said so): forgotten; true when it was known. */
  gone(socketId: string): boolean {
    return this.sockets.delete(socketId);
  }

  origins(): Set<string> {
    return new Set([...this.sockets.values()].map((s) => s.origin));
  }

  /** Forgets every socket of a dead process; what they had joined, to undo. */
  dropOrigin(origin: string): { socketId: string; visits: [string, RoomVisitor][] }[] {
    const dropped: { socketId: string; visits: [string, RoomVisitor][] }[] = [];
    for (const [socketId, socket] of this.sockets) {
      if (socket.origin !== origin) continue;
      dropped.push({ socketId, visits: [...socket.visits] });
      this.sockets.delete(socketId);
    }
    return dropped;
  }
}
