import { writeFileSync } from 'node:fs';
import { ROOM_EVENTS, SocketRequests } from '@phonghop/server-realtime';
import { ACTORS, type Access, type Actor, DOMAIN_EVENT_ACCESS, HTTP_ACCESS, type MeetingSide, ROOM_EVENT_ACCESS, SOCKET_REFUSALS, socketRows } from './support/access-matrix';
import { buildSecurityWorld, call, fillPath, type SecurityWorld, socketAs } from './support/security-fixture';
import type { PhClient } from './support/socket';
import { Browser, ENGINE, startTestApp, type TestApp } from './support/test-app';
import { socketPayload, validBody } from './support/valid-requests';

jest.setTimeout(240_000);

/** `RECORD_ACCESS=file.json` writes what the API answered instead of asserting (to review when adding rows). */
const RECORD = process.env['RECORD_ACCESS'];

interface Cell {
  row: string;
  side: MeetingSide;
  actor: Actor;
  allowed: boolean;
  /** What came back: the HTTP status and code, or the acknowledgement's code (`ok` when it succeeded). */
  got: string;
  problem: string | null;
}

type Phase = 'read' | 'write' | 'last';
const phaseOf = (route: string, access: Access): Phase => (access.last ? 'last' : route.startsWith('GET ') ? 'read' : 'write');

/** Denied: what a refusal to this caller must look like. Allowed: anything but a refusal (and never a 5xx). */
function judgeHttp(access: Access, actor: Actor, allowed: boolean, status: number, code?: string): string | null {
  // Signing without an organisation key configured is the installation's state, not a fault (and not a refusal).
  if (status >= 500 && code !== 'SIGNING_NOT_CONFIGURED') return `server error ${status}`;
  if (allowed) return status === 401 || status === 403 || (access.refusal === 404 && status === 404) ? 'refused but should be allowed' : null;
  const expected = access.refusals?.[actor] ?? (actor === 'anonymous' || actor === 'display' ? 401 : (access.refusal ?? 403));
  return status === expected ? null : `expected ${expected}`;
}

function judgeSocket(allowed: boolean, reply: { ok: boolean; error?: { code: string } }): string | null {
  if (!reply.ok && reply.error?.code === 'INTERNAL_ERROR') return 'server error';
  const refused = !reply.ok && SOCKET_REFUSALS.includes(reply.error?.code ?? '');
  if (allowed) return refused ? 'refused but should be allowed' : null;
  return refused ? null : 'not refused';
}

/** Runs `fn` over `items`, at most `limit` at a time. */
async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: limit }, async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) await fn(next);
  }));
}

describe(`authorization matrix: every route and event × every caller × own/other meeting (${ENGINE})`, () => {
  let t: TestApp;
  let w: SecurityWorld;
  let routes: string[];
  const sockets = new Map<Actor, PhClient | null>();
  const cells: Cell[] = [];

  beforeAll(async () => {
    // One media worker: the conference checks who may join only once it can open a room.
    t = await startTestApp({ CONFERENCE_WORKERS: '1' });
    w = await buildSecurityWorld(t);
    const doc = (await new Browser(t.baseUrl).get('/api/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
  });
  afterAll(async () => {
    for (const s of sockets.values()) s?.disconnect();
    w?.close();
    await t.destroy();
  });

  it('has a row for every route of the OpenAPI document and no row for a route that is gone', () => {
    if (RECORD) return;
    expect({ routesWithoutRow: routes.filter((r) => !HTTP_ACCESS[r]) }).toEqual({ routesWithoutRow: [] });
    expect({ rowsWithoutRoute: Object.keys(HTTP_ACCESS).filter((r) => !routes.includes(r)) }).toEqual({ rowsWithoutRoute: [] });
  });

  it('has a row for every socket request event the server answers', () => {
    const served: string[] = [...ROOM_EVENTS, ...t.app.get(SocketRequests).events()].sort();
    const written = [...Object.keys(ROOM_EVENT_ACCESS).filter((e) => !(e in DOMAIN_EVENT_ACCESS)), ...Object.keys(DOMAIN_EVENT_ACCESS)].sort();
    if (RECORD) return;
    expect({ eventsWithoutRow: served.filter((e) => !written.includes(e)) }).toEqual({ eventsWithoutRow: [] });
    expect({ rowsWithoutEvent: written.filter((e) => !served.includes(e)) }).toEqual({ rowsWithoutEvent: [] });
  });

  async function askHttp(route: string, access: Access): Promise<void> {
    const [method, template] = route.split(' ');
    const sides: MeetingSide[] = access.other ? ['own', 'other'] : ['own'];
    for (const side of sides) {
      const allowedActors = side === 'own' ? access.own : (access.other ?? []);
      const path = fillPath(w, side, template);
      // Refusals first: an allowed caller may change the state a refusal is checked in (a cancelled meeting).
      for (const actor of [...ACTORS].sort((a, b) => Number(allowedActors.includes(a)) - Number(allowedActors.includes(b)))) {
        const allowed = allowedActors.includes(actor);
        let cookie: string | undefined;
        if (access.freshSession && actor !== 'anonymous' && actor !== 'display') {
          const b = new Browser(t.baseUrl);
          await b.login(w.usernames[actor]);
          cookie = b.cookie;
        }
        const res = await call(w, actor, method, path, validBody(w, side, route), { cookie });
        if (access.perItem && res.status === 200) {
          // Applied, or refused item by item with a refusal's code.
          const item = res.body.results[0] as { status: string; error?: { code: string } };
          const refused = item.status === 'rejected' && SOCKET_REFUSALS.includes(item.error?.code ?? '');
          cells.push({ row: route, side, actor, allowed, got: `200 ${item.status} ${item.error?.code ?? ''}`.trim(), problem: refused === allowed ? (allowed ? 'refused but should be allowed' : 'not refused') : null });
          continue;
        }
        cells.push({ row: route, side, actor, allowed, got: `${res.status} ${res.body?.code ?? ''}`.trim(), problem: judgeHttp(access, actor, allowed, res.status, res.body?.code) });
      }
    }
  }

  async function askSocket(row: string, access: Access): Promise<void> {
    for (const side of ['own', 'other'] as const) {
      const allowedActors = side === 'own' ? access.own : (access.other ?? access.own);
      for (const actor of [...ACTORS].sort((a, b) => Number(allowedActors.includes(a)) - Number(allowedActors.includes(b)))) {
        const allowed = allowedActors.includes(actor);
        const s = sockets.get(actor);
        let reply: { ok: boolean; error?: { code: string } };
        if (!s) reply = { ok: false, error: { code: 'AUTH_REQUIRED' } }; // refused at the handshake (checked below)
        else {
          const { event, payload } = socketPayload(w, side, row);
          // The event comes from the table, so it is a plain string here: socket.io's typed emit cannot check it.
          const timed = s.timeout(10_000);
          const emit = timed.emitWithAck.bind(timed) as unknown as (e: string, p: unknown) => Promise<typeof reply>;
          reply = await emit(event, payload);
        }
        cells.push({ row, side, actor, allowed, got: reply.ok ? 'ok' : (reply.error?.code ?? '?'), problem: judgeSocket(allowed, reply) });
      }
    }
  }

  it('answers every cell as the table says', async () => {
    const started = Date.now();
    const rows = (phase: Phase) => routes.filter((r) => HTTP_ACCESS[r] && phaseOf(r, HTTP_ACCESS[r]) === phase);
    // Reads side by side; writes one row at a time, each row's refusals before its allowed callers.
    await pool(rows('read'), 4, (r) => askHttp(r, HTTP_ACCESS[r]));
    for (const r of rows('write')) await askHttp(r, HTTP_ACCESS[r]);

    for (const actor of ACTORS) {
      if (actor === 'anonymous') {
        const refused = await socketAs(w, actor).then((s) => (s.disconnect(), 'connected'), (err: Error) => err.message);
        cells.push({ row: 'handshake', side: 'own', actor, allowed: false, got: refused, problem: refused === 'AUTH_REQUIRED' ? null : 'anonymous socket not refused' });
        sockets.set(actor, null);
      } else sockets.set(actor, await socketAs(w, actor));
    }
    // A valid conference join carries the router's capabilities.
    const caps = await (sockets.get('secretary') as PhClient).emitWithAck('conference:request', { method: 'capabilities', data: { meetingId: w.own.meetingId } });
    if (!caps.ok) throw new Error(`capabilities: ${JSON.stringify(caps)}`);
    w.rtpCapabilities = (caps.data as { routerRtpCapabilities: unknown }).routerRtpCapabilities;
    w.conferencePeerId = sockets.get('secretary')?.id; // a person's peer is their socket
    for (const [row, access] of socketRows()) await askSocket(row, access);

    for (const r of rows('last')) await askHttp(r, HTTP_ACCESS[r]);
    const seconds = (Date.now() - started) / 1000;

    if (RECORD) {
      writeFileSync(RECORD, JSON.stringify(cells, null, 1));
      return;
    }
    const wrong = cells.filter((c) => c.problem).map((c) => `${c.row} [${c.side}] ${c.actor}: got ${c.got}, ${c.problem}`);
    expect(wrong).toEqual([]);
    // Every row was asked of every caller on every side it has.
    expect(cells.length).toBeGreaterThan(ACTORS.length * (routes.length + socketRows().length));
    console.log(`authorization matrix: ${cells.length} cells in ${seconds.toFixed(1)} s`);
  });
});
