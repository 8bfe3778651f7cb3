import { type ClientToServerEvents, REALTIME_PATH, type RoomDeltaMessage, type RoomSnapshot, SESSION_COOKIE, type ServerToClientEvents, applyRoomMessage } from '@phonghop/contracts';
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

/**
 * A client's view of the room, kept as the web client keeps it: the join's snapshot, then every delta in version
 * order (a gap fails the test). Deltas that arrive before the snapshot is handed over wait for it.
 */
export function roomView(socket: PhClient) {
  let view: RoomSnapshot | null = null;
  const early: RoomDeltaMessage[] = [];
  const apply = (msg: RoomDeltaMessage) => {
    if (!view) return void early.push(msg);
    const applied = applyRoomMessage(view, msg);
    if (applied.result === 'gap') throw new Error(`delta ${msg.version} after ${view.version}: a gap`);
    view = applied.next;
  };
  socket.on('room:delta', apply);
  return {
    start(snapshot: RoomSnapshot): void {
      view = snapshot;
      for (const msg of early.splice(0)) apply(msg);
    },
    get current(): RoomSnapshot {
      if (!view) throw new Error('the room view has no snapshot yet');
      return view;
    },
    /** Waits until the view satisfies `condition` (deltas are applied as they arrive). */
    async until(condition: (s: RoomSnapshot) => boolean, timeoutMs = 5000): Promise<RoomSnapshot> {
      const started = Date.now();
      while (!view || !condition(view)) {
        if (Date.now() - started > timeoutMs) throw new Error('the room view did not reach the expected state in time');
        await new Promise((r) => setTimeout(r, 10));
      }
      return view;
    },
  };
}
