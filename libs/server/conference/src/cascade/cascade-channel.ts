import { type ErrorCode, errorBody } from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import { CASCADE_EVENT, type CascadeMessage, type CascadeMessages, type CascadeMethod, parseCascadeMessage } from './cascade-protocol';

/** How long a linked server may take to answer one message. */
const REPLY_TIMEOUT_MS = 10_000;

type Reply = { ok: true; data: unknown } | { ok: false; error: { code: ErrorCode } };

/** What both socket.io's server-side and client-side sockets offer (emit with ack, listen). */
export interface AckSocket {
  timeout(ms: number): { emitWithAck(event: string, body: unknown): Promise<unknown> };
  on(event: string, listener: (body: unknown, ack?: (reply: Reply) => void) => void): unknown;
}

/** One end of a link's message exchange: requests out (resolved with the other side's answer), requests in. */
export interface CascadeChannel {
  request<M extends CascadeMethod>(method: M, data: CascadeMessages[M]): Promise<unknown>;
  /** Incoming messages are handled one at a time, in order: a `produce` never overtakes its `peer`. */
  onRequest(handler: (msg: CascadeMessage) => Promise<unknown>): void;
}

export class CascadeRefused extends Error {
  constructor(readonly code: ErrorCode) {
    super(`linked server refused: ${code}`);
  }
}

export function socketChannel(socket: AckSocket): CascadeChannel {
  let handler: ((msg: CascadeMessage) => Promise<unknown>) | undefined;
  let inbox: Promise<unknown> = Promise.resolve();
  socket.on(CASCADE_EVENT, (body, ack) => {
    const msg = parseCascadeMessage(body);
    inbox = inbox.then(async () => {
      let reply: Reply;
      if (!msg || !handler) reply = { ok: false, error: errorBody('VALIDATION_FAILED') };
      else {
        try {
          reply = { ok: true, data: (await handler(msg)) ?? null };
        } catch (err) {
          reply = { ok: false, error: errorBody(err instanceof ApiError ? err.code : err instanceof CascadeRefused ? err.code : 'INTERNAL_ERROR') };
        }
      }
      ack?.(reply);
    });
  });
  return {
    async request(method, data) {
      const reply = (await socket.timeout(REPLY_TIMEOUT_MS).emitWithAck(CASCADE_EVENT, { method, data })) as Reply;
      if (!reply?.ok) throw new CascadeRefused(reply?.error?.code ?? 'INTERNAL_ERROR');
      return reply.data;
    },
    onRequest(h) {
      handler = h;
    },
  };
}
