import { Injectable } from '@nestjs/common';
import type { Ack, ServerToClientEvents } from '@phonghop/contracts';
import type { AuthenticatedUser } from '@phonghop/server-identity';

/** One connected socket, as other domains see it: who it is and a way to send it events. */
export interface RealtimeClient {
  readonly socketId: string;
  readonly user: AuthenticatedUser;
  emit<E extends keyof ServerToClientEvents>(event: E, ...args: Parameters<ServerToClientEvents[E]>): void;
  readonly connected: boolean;
}

export type SocketRequestHandler = (client: RealtimeClient, body: unknown) => Promise<Ack<unknown>>;

/** Events another domain answers on the realtime socket (the conference's signalling), and disconnect hooks. */
export type ExtensionEvent = 'conference:request';

/**
 * Lets domains other than meeting rooms use the one authenticated socket without the gateway knowing them:
 * they register a handler per event, and hear when a socket goes away.
 */
@Injectable()
export class SocketRequests {
  private readonly handlers = new Map<ExtensionEvent, SocketRequestHandler>();
  private readonly disconnectHooks: ((client: RealtimeClient) => void)[] = [];

  handle(event: ExtensionEvent, handler: SocketRequestHandler): void {
    if (this.handlers.has(event)) throw new Error(`${event} already has a handler`);
    this.handlers.set(event, handler);
  }

  onDisconnect(hook: (client: RealtimeClient) => void): void {
    this.disconnectHooks.push(hook);
  }

  handlerFor(event: ExtensionEvent): SocketRequestHandler | undefined {
    return this.handlers.get(event);
  }

  disconnected(client: RealtimeClient): void {
    for (const hook of this.disconnectHooks) hook(client);
  }
}
