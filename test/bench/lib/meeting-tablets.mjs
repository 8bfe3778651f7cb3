/**
 * Tablets of one meeting for the benches: delegate accounts of their own (made by the administrator, invited by the
 * secretary, each signed in), and sockets that connect and join the meeting's room a batch at a time.
 */
import { call, login } from './phonghop-client.mjs';
import { ack, connected, socketTo } from './room-sockets.mjs';
import { log, sleep, withTimeout } from './util.mjs';

/**
 * `attempt()`, sent once more (at most `tries` in all) when it failed before any answer: fetch's "fetch failed" is
 * typically a kept-alive connection that the server closed after its idle timeout just as it was reused. An HTTP
 * error is an answer and is not retried.
 */
export async function resent(what, attempt, tries = 3) {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      if (n >= tries || err?.message !== 'fetch failed') throw err;
      log(`${what}: fetch failed (${err.cause?.code ?? err.cause?.message ?? 'no cause'}), once more`);
      await sleep(100);
    }
  }
}

/** `work(i)` for each i in [0, count), at most `parallel` running at once; the results in index order. */
export async function inTurns(count, parallel, work) {
  const results = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await work(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
  return results;
}

/**
 * `count` delegate accounts `${prefix}.${i}` (created by `admin`), invited to the meeting by `secretary`, each
 * signed in. Argon2 makes creating and signing in the slow part, hence a few at a time. Returns ids and cookies.
 */
export async function delegateTablets(baseUrl, { admin, secretary, meetingId, count, prefix = 'maytinhbang', password = 'MayTinhBang2026', parallel = 8 }) {
  const nameOf = (i) => `${prefix}.${i}`;
  const users = await inTurns(count, parallel, (i) =>
    resent(`create ${nameOf(i)}`, () => call(baseUrl, admin, 'POST', '/api/users', { username: nameOf(i), fullName: `Đại biểu ${i}`, password, roles: ['delegate'] })),
  );
  const ids = users.map((u) => u.id);
  await resent('invite the delegates', () => call(baseUrl, secretary, 'POST', `/api/meetings/${meetingId}/participants`, { meetingRole: 'delegate', userIds: ids }));
  const cookies = await inTurns(count, parallel, (i) => resent(`sign in ${nameOf(i)}`, () => login(baseUrl, nameOf(i), password)));
  return { ids, cookies };
}

/**
 * `count` sockets that connect and send `room:join {meetingId}`, `batch` at a time; a batch joins before the next
 * starts, so join order (the order a broadcast is written in) follows the index batch by batch. `onSocket(socket,
 * i)` runs before the join, so listeners miss nothing. Resolves with the sockets once all have joined.
 */
export async function joinRoom(baseUrl, meetingId, count, { optionsOf = () => ({}), batch = 50, onSocket = () => undefined, ackMs = 30_000 } = {}) {
  const sockets = [];
  for (let from = 0; from < count; from += batch) {
    const to = Math.min(count, from + batch);
    const joins = [];
    for (let i = from; i < to; i++) {
      const socket = socketTo(baseUrl, optionsOf(i));
      onSocket(socket, i);
      sockets.push(socket);
      joins.push(connected(socket).then(() => ack(socket, 'room:join', { meetingId }, ackMs)));
    }
    await withTimeout(Promise.all(joins), 120_000, `sockets ${from}..${to - 1} to connect and join`);
  }
  return sockets;
}
