import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, sessionCookie } from './session';

/** One received stream, as the conference page reports it (`window.phonghopConferenceStats`, conference.page.ts). */
export interface ConferenceStats {
  consumerId: string;
  peerId: string;
  source: 'camera' | 'microphone';
  framesDecoded: number;
  packetsReceived: number;
  bytesReceived: number;
  frameWidth: number;
  frameHeight: number;
}

export const conferenceStats = (page: Page): Promise<ConferenceStats[]> =>
  page.evaluate(() => (window as unknown as { phonghopConferenceStats?: () => Promise<unknown[]> }).phonghopConferenceStats?.() ?? Promise.resolve([])) as Promise<
    ConferenceStats[]
  >;

/** Waits until `check` holds on the page's received-media statistics; fails with the last ones seen. */
export async function untilStats(page: Page, what: string, check: (s: ConferenceStats[]) => boolean, timeoutMs = 20_000): Promise<ConferenceStats[]> {
  const deadline = Date.now() + timeoutMs;
  let last: ConferenceStats[] = [];
  while (Date.now() < deadline) {
    last = await conferenceStats(page);
    if (check(last)) return last;
    await page.waitForTimeout(200);
  }
  throw new Error(`${what}: not within ${timeoutMs} ms; last stats ${JSON.stringify(last)}`);
}

/** A JSON call to the API beside the browsers (setup and checks), failing loudly on any error status. */
export async function api(baseUrl: string, cookie: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { cookie, 'content-type': 'application/json', origin: baseUrl },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** A PDF uploaded by the meeting's secretary in one piece and published; returns the document's id. */
export async function publishedDocument(baseUrl: string, meetingId: string, title: string, pdf: Buffer): Promise<string> {
  const secretary = await sessionCookie(baseUrl, 'thuky');
  const upload = await api(baseUrl, secretary, 'POST', `/api/meetings/${meetingId}/uploads`, { fileName: 'tai-lieu.pdf', sizeBytes: pdf.length });
  const put = await fetch(`${baseUrl}/api/uploads/${upload.uploadId}?offset=0`, {
    method: 'PUT',
    headers: { cookie: secretary, origin: baseUrl, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(pdf),
  });
  if (put.status !== 200) throw new Error(`upload: ${put.status} ${await put.text()}`);
  const doc = await api(baseUrl, secretary, 'POST', `/api/uploads/${upload.uploadId}/complete`, { title });
  await api(baseUrl, secretary, 'POST', `/api/documents/${doc.id}/publish`);
  return doc.id as string;
}

export interface ConferenceSetup {
  meetingId: string;
  /** The district site (demo account diemcau.phuloc) and the commune site (diemcau.phumy, made here). */
  district: { id: string; name: string };
  commune: { id: string; name: string };
}

/**
 * An online meeting with the chair as host and two sites — Phú Lộc district (the demo operator) and Phú Mỹ commune
 * (an operator account created here, its password set to the demo one) — published, ready to join.
 */
export async function publishedConference(baseUrl: string, title: string): Promise<ConferenceSetup> {
  const admin = await sessionCookie(baseUrl, 'quantri');
  const secretary = await sessionCookie(baseUrl, 'thuky');
  const sites = (await api(baseUrl, secretary, 'GET', '/api/org/sites')) as { id: string; name: string; unitId: string }[];
  const district = sites.find((s) => s.name === 'Điểm cầu UBND huyện Phú Lộc');
  const commune = sites.find((s) => s.name === 'Điểm cầu UBND xã Phú Mỹ');
  if (!district || !commune) throw new Error('demo sites missing');
  const user = await api(baseUrl, admin, 'POST', '/api/users', {
    username: 'diemcau.phumy', fullName: 'Đặng Thị Hoa', password: 'TamThoi@2026', roles: ['site_operator'], unitId: commune.unitId, siteId: commune.id,
  });
  const temp = await sessionCookie(baseUrl, 'diemcau.phumy', 'TamThoi@2026');
  await api(baseUrl, temp, 'POST', '/api/auth/password', { currentPassword: 'TamThoi@2026', newPassword: DEMO_PASSWORD });
  const users = (await api(baseUrl, admin, 'GET', '/api/users')) as { id: string; username: string }[];
  const id = (u: string) => users.find((x) => x.username === u)?.id as string;
  const hour = 3_600_000;
  const meeting = await api(baseUrl, secretary, 'POST', '/api/meetings', {
    title, kind: 'online',
    startsAt: new Date(Date.now() + hour).toISOString(), endsAt: new Date(Date.now() + 3 * hour).toISOString(),
  });
  await api(baseUrl, secretary, 'POST', `/api/meetings/${meeting.id}/participants`, { meetingRole: 'chair', userIds: [id('chutoa')] });
  // Sites invited as the secretary does it: each site a participant, its operator account (diemcau.phuloc, and the one made above) with it.
  const invited = (await api(baseUrl, secretary, 'POST', `/api/meetings/${meeting.id}/participants`, { meetingRole: 'site', siteIds: [district.id, commune.id] })) as { userId: string }[];
  if (![id('diemcau.phuloc'), user.id].every((u) => invited.some((p) => p.userId === u))) throw new Error('site operators not invited with their sites');
  await api(baseUrl, secretary, 'POST', `/api/meetings/${meeting.id}/publish`);
  return { meetingId: meeting.id, district, commune };
}

/** When a process started (clock ticks since boot: /proc/PID/stat, field 22). */
const startTicks = (pid: number): number => Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[19]);

/**
 * A server's mediasoup worker processes: those serving conferences, and the idle spare (CONFERENCE_SPARE_WORKER),
 * which the pool starts after them. Only valid before any worker has been restarted.
 */
export function mediaWorkers(serverPid: number): { serving: number[]; spare: number } {
  const pids = execFileSync('pgrep', ['-P', String(serverPid), '-f', 'mediasoup-worker'], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .filter(Boolean)
    .map(Number)
    .sort((a, b) => startTicks(a) - startTicks(b) || a - b);
  const spare = pids.pop();
  if (spare === undefined) throw new Error(`no mediasoup workers under pid ${serverPid}`);
  return { serving: pids, spare };
}
