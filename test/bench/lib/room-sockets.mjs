/** The benches' socket.io clients of a meeting room: one connection each, no reconnection, acks that must be ok. */
import { io } from 'socket.io-client';

const REALTIME_PATH = '/api/realtime';

export function socketTo(baseUrl, { cookie, auth } = {}) {
  return io(baseUrl, {
    path: REALTIME_PATH,
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: 20_000,
    ...(cookie ? { extraHeaders: { cookie } } : {}),
    ...(auth ? { auth } : {}),
  });
}

export const connected = (socket) =>
  new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });

/** The ack's data; throws when refused or not answered within `ms`. */
export async function ack(socket, event, body, ms = 20_000) {
  const reply = await socket.timeout(ms).emitWithAck(event, body);
  if (!reply?.ok) throw new Error(`${event} ${body?.method ?? ''} refused: ${JSON.stringify(reply)}`);
  return reply.data;
}
