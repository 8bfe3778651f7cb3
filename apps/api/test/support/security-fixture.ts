import { DISPLAY_TOKEN_HEADER, REALTIME_PATH, SESSION_COOKIE, yesNoMotion } from '@phonghop/contracts';
import { DEMO_PASSWORD } from '@phonghop/server-demo-seed';
import { io } from 'socket.io-client';
import { vietnamesePdf } from '../fixtures/pdfs';
import type { Actor, MeetingSide } from './access-matrix';
import { connectSocket, connected, type PhClient } from './socket';
import { Browser, signedIn, type TestApp } from './test-app';

/**
 * The security suite's world: one meeting where every role sits (the demo meeting: chair, secretary, delegate, site
 * operator; plus a guest and a display), and an "other" meeting run by another secretary with none of them in it.
 * Each meeting has one of everything a route can name (agenda item, published document, open upload, draft motion,
 * display, participant seat), and spare ones for the routes that delete.
 */
export interface MeetingWorld {
  meetingId: string;
  itemId: string;
  /** Deletable things: routes that remove something get these, so the rest of the world stays. */
  spareItemId: string;
  spareParticipantId: string;
  spareSiteId: string;
  spareDisplayId: string;
  documentId: string;
  uploadId: string;
  motionId: string;
  /** The display token of this meeting's hall screen. */
  displayToken: string;
  /** The code behind the hall's check-in QR. */
  checkInCode: string;
}

export interface SecurityWorld {
  t: TestApp;
  sessions: Record<Exclude<Actor, 'display' | 'anonymous'>, Browser>;
  usernames: Record<Exclude<Actor, 'display' | 'anonymous'>, string>;
  userIds: Record<string, string>;
  own: MeetingWorld;
  other: MeetingWorld;
  /** Organisation things only an administrator may change: a spare unit and site, and a spare account. */
  spareUnitId: string;
  spareSiteId: string;
  spareUserId: string;
  rootUnitId: string;
  /** The media router's capabilities, for a valid conference `join` (filled once a socket asked for them). */
  rtpCapabilities?: unknown;
  /** A peer in the own meeting's conference (the secretary's socket), for the host's per-peer methods. */
  conferencePeerId?: string;
  /** Sockets the world keeps open (the other meeting's presenter). */
  close(): void;
}

export const OTHER_SECRETARY = 'thuky.huyen';
export const SPARE_USER = 'nguoi.du.phong';
const SPARE_PASSWORD = 'DuPhong@2026x';

export const USERNAMES = {
  admin: 'quantri',
  secretary: 'thuky',
  chair: 'chutoa',
  delegate: 'daibieu',
  guest: 'khachmoi',
  siteOperator: 'diemcau.phuloc',
} as const;

export interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: Headers;
}

/** One HTTP request as `actor`, without touching any Browser's cookie (a login answer must not switch sessions). */
export async function call(
  w: Pick<SecurityWorld, 't' | 'sessions'> & { own: Pick<MeetingWorld, 'displayToken'> },
  actor: Actor,
  method: string,
  path: string,
  body?: unknown,
  opts: { cookie?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...opts.headers };
  const cookie = opts.cookie ?? (actor === 'display' || actor === 'anonymous' ? undefined : w.sessions[actor].cookie);
  if (cookie) headers['cookie'] = `${SESSION_COOKIE}=${cookie}`;
  if (actor === 'display') headers[DISPLAY_TOKEN_HEADER] = w.own.displayToken;
  let payload: BodyInit | undefined;
  if (body instanceof Uint8Array) {
    headers['content-type'] ??= 'application/octet-stream';
    payload = body as unknown as BodyInit;
  } else if (body !== undefined) {
    headers['content-type'] ??= 'application/json';
    payload = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const res = await fetch(`${w.t.baseUrl}${path}`, { method, headers, body: payload });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, body: json, headers: res.headers };
}

/** A socket as `actor`: a session cookie, the display's token in the handshake, or nothing (anonymous). */
export async function socketAs(w: SecurityWorld, actor: Actor): Promise<PhClient> {
  const s =
    actor === 'display'
      ? (io(w.t.baseUrl, { path: REALTIME_PATH, transports: ['websocket'], reconnection: false, auth: { displayToken: w.own.displayToken } }) as PhClient)
      : connectSocket(w.t.baseUrl, actor === 'anonymous' ? undefined : w.sessions[actor].cookie);
  await connected(s);
  return s;
}

/** Set-up must succeed; a failing step names itself (any 2xx will do). */
function expectStatus(res: { status: number; body: unknown }, _status: number, what: string) {
  if (res.status < 200 || res.status > 299) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
}

async function uploadPublished(baseUrl: string, b: Browser, meetingId: string, title: string): Promise<string> {
  const pdf = await vietnamesePdf([[title]], title);
  const started = await b.post(`/api/meetings/${meetingId}/uploads`, { fileName: 'tai-lieu.pdf', sizeBytes: pdf.length });
  expectStatus(started, 201, 'start upload');
  const put = await fetch(`${baseUrl}/api/uploads/${started.body.uploadId}?offset=0`, {
    method: 'PUT',
    headers: { cookie: `${SESSION_COOKIE}=${b.cookie}`, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(pdf),
  });
  expectStatus({ status: put.status, body: await put.text() }, 200, 'upload bytes');
  const done = await b.post(`/api/uploads/${started.body.uploadId}/complete`, { title });
  expectStatus(done, 201, 'complete upload');
  expectStatus(await b.post(`/api/documents/${done.body.id}/publish`), 201, 'publish document');
  return done.body.id as string;
}

/** Everything a meeting needs so that every route has something real to name. */
async function furnish(baseUrl: string, secretary: Browser, meetingId: string, spare: { userId: string; siteId: string }): Promise<Omit<MeetingWorld, 'meetingId'>> {
  const item = await secretary.post(`/api/meetings/${meetingId}/agenda`, { title: 'Báo cáo tình hình kinh tế - xã hội', plannedMinutes: 30 });
  expectStatus(item, 201, 'agenda item');
  const spareItem = await secretary.post(`/api/meetings/${meetingId}/agenda`, { title: 'Nội dung dự phòng', plannedMinutes: 10 });
  expectStatus(spareItem, 201, 'spare agenda item');
  const seats = await secretary.post(`/api/meetings/${meetingId}/participants`, { meetingRole: 'delegate', userIds: [spare.userId], siteIds: [spare.siteId] });
  expectStatus(seats, 200, 'spare participant');
  const spareParticipantId = (seats.body as { id: string; userId: string }[]).find((p) => p.userId === spare.userId)?.id as string;
  const documentId = await uploadPublished(baseUrl, secretary, meetingId, 'Tờ trình dự toán ngân sách');
  const upload = await secretary.post(`/api/meetings/${meetingId}/uploads`, { fileName: 'dang-tai.pdf', sizeBytes: 1000 });
  expectStatus(upload, 201, 'open upload');
  const motion = await secretary.post(`/api/meetings/${meetingId}/motions`, { spec: yesNoMotion('Thông qua dự thảo Nghị quyết') });
  expectStatus(motion, 201, 'motion');
  // Version 1 of the minutes, final: the signing routes then have something signable.
  expectStatus(await secretary.post(`/api/meetings/${meetingId}/minutes/minutes/draft`), 201, 'minutes draft');
  expectStatus(await secretary.post(`/api/meetings/${meetingId}/minutes/minutes/finalize`, {}), 201, 'final minutes');
  const code = await secretary.get(`/api/meetings/${meetingId}/check-in-code`);
  expectStatus(code, 200, 'check-in code');
  const display = await secretary.post(`/api/meetings/${meetingId}/displays`, { label: 'Màn hình hội trường' });
  expectStatus(display, 201, 'display');
  const spareDisplay = await secretary.post(`/api/meetings/${meetingId}/displays`, { label: 'Màn hình dự phòng' });
  expectStatus(spareDisplay, 201, 'spare display');
  return {
    itemId: item.body.id,
    spareItemId: spareItem.body.id,
    spareParticipantId,
    spareSiteId: spare.siteId,
    spareDisplayId: spareDisplay.body.id,
    documentId,
    uploadId: upload.body.uploadId,
    motionId: motion.body.id,
    displayToken: display.body.token,
    checkInCode: code.body.code,
  };
}

/** Builds the world on a started test app (about 5 s on SQLite). */
export async function buildSecurityWorld(t: TestApp): Promise<SecurityWorld> {
  const sessions = Object.fromEntries(
    await Promise.all(Object.entries(USERNAMES).map(async ([actor, username]) => [actor, await signedIn(t.baseUrl, username)] as const)),
  ) as SecurityWorld['sessions'];
  const admin = sessions.admin;
  const units = (await admin.get('/api/org/units')).body as { id: string; parentId: string | null; code: string }[];
  const rootUnitId = (units.find((u) => !u.parentId) as { id: string }).id;
  for (const [username, roles, password] of [
    [OTHER_SECRETARY, ['secretary'], SPARE_PASSWORD],
    [SPARE_USER, ['delegate'], SPARE_PASSWORD],
  ] as const) {
    expectStatus(await admin.post('/api/users', { username, fullName: `Tài khoản ${username}`, password, roles: [...roles] }), 201, `create ${username}`);
  }
  const userIds = Object.fromEntries(((await admin.get('/api/users')).body as { id: string; username: string }[]).map((u) => [u.username, u.id]));
  const spareUnit = await admin.post('/api/org/units', { parentId: rootUnitId, code: 'X-DUPHONG', name: 'Đơn vị dự phòng', kind: 'other' });
  expectStatus(spareUnit, 201, 'spare unit');
  const spareSite = await admin.post('/api/org/sites', { unitId: spareUnit.body.id, name: 'Điểm cầu dự phòng' });
  expectStatus(spareSite, 201, 'spare site');
  const sites = (await admin.get('/api/org/sites')).body as { id: string; name: string }[];
  const phuMy = (sites.find((s) => s.name === 'Điểm cầu UBND xã Phú Mỹ') as { id: string }).id;

  // The own meeting: the demo meeting (chair, secretary, delegate, Phú Lộc's site operator), with the guest added.
  const secretary = sessions.secretary;
  const ownId = (await secretary.get('/api/meetings/mine')).body[0].id as string;
  expectStatus(await secretary.post(`/api/meetings/${ownId}/participants`, { meetingRole: 'guest', userIds: [userIds['khachmoi']] }), 200, 'guest');
  const own = { meetingId: ownId, ...(await furnish(t.baseUrl, secretary, ownId, { userId: userIds[SPARE_USER], siteId: phuMy })) };
  expectStatus(await secretary.post(`/api/meetings/${ownId}/start`), 201, 'start own meeting');

  // The other meeting: another secretary's, online, none of the actors invited.
  const otherSecretary = new Browser(t.baseUrl);
  await otherSecretary.login(OTHER_SECRETARY, SPARE_PASSWORD);
  const created = await otherSecretary.post('/api/meetings', { title: 'Họp chuyên đề của huyện', kind: 'online', startsAt: new Date(Date.now() + 3_600_000).toISOString() });
  expectStatus(created, 201, 'other meeting');
  const otherId = created.body.id as string;
  const other = { meetingId: otherId, ...(await furnish(t.baseUrl, otherSecretary, otherId, { userId: userIds[SPARE_USER], siteId: phuMy })) };
  expectStatus(await otherSecretary.post(`/api/meetings/${otherId}/publish`), 201, 'publish other meeting');
  expectStatus(await otherSecretary.post(`/api/meetings/${otherId}/start`), 201, 'start other meeting');
  // Something runs in the other meeting for outsiders to try to change: a presentation.
  const presenter = connectSocket(t.baseUrl, otherSecretary.cookie);
  await connected(presenter);
  const presented = await presenter.emitWithAck('presentation:request', { method: 'start', data: { meetingId: otherId, documentId: other.documentId, page: 1 } });
  if (!presented.ok) throw new Error(`present in the other meeting: ${JSON.stringify(presented)}`);

  return {
    t,
    sessions,
    usernames: USERNAMES,
    userIds,
    own,
    other,
    spareUnitId: spareUnit.body.id,
    spareSiteId: spareSite.body.id,
    spareUserId: userIds[SPARE_USER],
    rootUnitId,
    close: () => presenter.disconnect(),
  };
}

/** A path of the OpenAPI document with its parameters filled in from one side's meeting. */
export function fillPath(w: SecurityWorld, side: MeetingSide, template: string): string {
  const m = w[side];
  const byResource: Record<string, string> = {
    '/api/users/{id}': w.spareUserId,
    '/api/org/units/{id}': w.spareUnitId,
    '/api/org/sites/{id}': w.spareSiteId,
    '/api/meetings/{id}': m.meetingId,
    '/api/documents/{id}': m.documentId,
  };
  const params: Record<string, string> = {
    meetingId: m.meetingId,
    documentId: m.documentId,
    participantId: m.spareParticipantId,
    siteId: m.spareSiteId,
    itemId: m.spareItemId,
    uploadId: m.uploadId,
    motionId: m.motionId,
    displayId: m.spareDisplayId,
    version: '1',
    page: '1',
    kind: 'minutes',
    ref: '1',
    recordingId: '00000000-0000-4000-8000-000000000000',
    token: 'x'.repeat(43),
  };
  const query = template.endsWith('/search') ? '?q=ng%C3%A2n%20s%C3%A1ch' : template === '/api/uploads/{uploadId}' ? '?offset=0' : '';
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (name === 'id') {
      const key = Object.keys(byResource).find((prefix) => template.startsWith(prefix));
      if (!key) throw new Error(`no value for {id} in ${template}`);
      return byResource[key];
    }
    const v = params[name];
    if (v === undefined) throw new Error(`no value for {${name}} in ${template}`);
    return v;
  }) + query;
}

export { DEMO_PASSWORD, SPARE_PASSWORD };
