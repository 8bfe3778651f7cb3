import { type ClientToServerEvents, REALTIME_PATH, type RoomDeltaMessage, SESSION_COOKIE, type ServerToClientEvents } from '@phonghop/contracts';
import { io, type Socket } from 'socket.io-client';

export type PhClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A real socket.io client, authenticated by a session cookie like a browser tab. */
export function connectSocket(baseUrl: string, cookie: string | undefined, headers: Record<string, string> = {}): PhClient {
  return io(baseUrl, {
    path: REALTIME_PATH,
    transports: ['websocket'],
    reconnection: false,
    extraHeaders: { ...(cookie ? { cookie: `${SESSION_COOKIE}=${cookie}` } : {}), ...headers },
  });
}

export function connected(socket: PhClient): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
}

export function connectError(socket: PhClient): Promise<Error & { data?: unknown }> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connected, but a refusal was expected')));
    socket.once('connect_error', (err) => resolve(err));
  });
}

/** Collects deltas as they arrive, so a test can wait for the n-th one. */
export function deltaRecorder(socket: PhClient) {
  const seen: RoomDeltaMessage[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  socket.on('room:delta', (msg) => {
    seen.push(msg);
    for (const w of waiters.filter((w) => seen.length >= w.n)) w.resolve();
  });
  return {
    seen,
    waitFor(n: number, timeoutMs = 3000): Promise<RoomDeltaMessage[]> {
      if (seen.length >= n) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${seen.length} of ${n} deltas arrived`)), timeoutMs);
        waiters.push({ n, resolve: () => (clearTimeout(timer), resolve(seen)) });
      });
    },
  };
}
