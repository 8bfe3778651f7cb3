import { Injectable } from '@nestjs/common';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '@phonghop/contracts';
import type { AuthenticatedUser } from '@phonghop/server-identity';

/** One connected socket, as other domains see it: who it is and a way to send it events. */
export interface RealtimeClient {
  readonly socketId: string;
  readonly user: AuthenticatedUser;
  emit<E extends keyof ServerToClientEvents>(event: E, ...args: Parameters<ServerToClientEvents[E]>): void;
  readonly connected: boolean;
}

export type SocketRequestHandler = (client: RealtimeClient, body: unknown) => Promise<Ack<unknown>> | Ack<unknown>;

/** The room's own events, answered by the gateway; every other client event belongs to a domain. */
export const ROOM_EVENTS = ['room:join', 'room:leave', 'room:resync', 'clock:sync'] as const;
export type DomainRequestEvent = Exclude<keyof ClientToServerEvents, (typeof ROOM_EVENTS)[number]>;

/**
 * Lets domains answer their own events on the one authenticated socket without the gateway knowing them: each
 * registers a handler per event name at start-up (the conference its signalling, the live meeting its floor),
 * and may hear when a socket goes away.
 */
@Injectable()
export class SocketRequests {
  private readonly handlers = new Map<DomainRequestEvent, SocketRequestHandler>();
  private readonly disconnectHooks: ((client: RealtimeClient) => void)[] = [];

  handle(event: DomainRequestEvent, handler: SocketRequestHandler): void {
    if (this.handlers.has(event)) throw new Error(`${event} already has a handler`);
    this.handlers.set(event, handler);
  }

  onDisconnect(hook: (client: RealtimeClient) => void): void {
    this.disconnectHooks.push(hook);
  }

  events(): DomainRequestEvent[] {
    return [...this.handlers.keys()];
  }

  handlerFor(event: DomainRequestEvent): SocketRequestHandler | undefined {
    return this.handlers.get(event);
  }

  disconnected(client: RealtimeClient): void {
    for (const hook of this.disconnectHooks) hook(client);
  }
}
