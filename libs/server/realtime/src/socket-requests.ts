import { Injectable } from '@nestjs/common';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '@phonghop/contracts';
import type { AuthenticatedUser } from '@phonghop/server-identity';

/** One connected socket as other domains see it: a way to send it events. */
export interface SocketChannel {
  readonly socketId: string;
  emit<E extends keyof ServerToClientEvents>(event: E, ...args: Parameters<ServerToClientEvents[E]>): void;
  readonly connected: boolean;
}

/** A signed-in person's socket. */
export interface RealtimeClient extends SocketChannel {
  readonly user: AuthenticatedUser;
}

/** A hall display's socket: no person, one meeting (its token's). */
export interface DisplayClient extends SocketChannel {
  readonly displayId: string;
  readonly meetingId: string;
}

export type SocketRequestHandler = (client: RealtimeClient, body: unknown) => Promise<Ack<unknown>> | Ack<unknown>;
export type DisplayRequestHandler = (client: DisplayClient, body: unknown) => Promise<Ack<unknown>> | Ack<unknown>;

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
  private readonly displayHandlers = new Map<DomainRequestEvent, DisplayRequestHandler>();
  private readonly disconnectHooks: ((client: SocketChannel) => void)[] = [];

  handle(event: DomainRequestEvent, handler: SocketRequestHandler): void {
    if (this.handlers.has(event)) throw new Error(`${event} already has a handler`);
    this.handlers.set(event, handler);
  }

  /** What a display may ask of a domain (the conference: receive the spotlighted video); anything else is refused. */
  handleDisplay(event: DomainRequestEvent, handler: DisplayRequestHandler): void {
    if (this.displayHandlers.has(event)) throw new Error(`${event} already has a display handler`);
    this.displayHandlers.set(event, handler);
  }

  onDisconnect(hook: (client: SocketChannel) => void): void {
    this.disconnectHooks.push(hook);
  }

  events(): DomainRequestEvent[] {
    return [...new Set([...this.handlers.keys(), ...this.displayHandlers.keys()])];
  }

  handlerFor(event: DomainRequestEvent): SocketRequestHandler | undefined {
    return this.handlers.get(event);
  }

  displayHandlerFor(event: DomainRequestEvent): DisplayRequestHandler | undefined {
    return this.displayHandlers.get(event);
  }

  disconnected(client: SocketChannel): void {
    for (const hook of this.disconnectHooks) hook(client);
  }
}
