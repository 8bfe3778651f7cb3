import type { Browser, BrowserContext, Page } from 'playwright-core';
import { tabletContext } from './browser';
import { api } from './conference';
import { DEMO_PASSWORD, sessionCookie } from './session';

export const DEMO_MEETING_TITLE = 'Phiên họp thường kỳ UBND tỉnh tháng 12 năm 2026';

export interface LiveMeetingSetup {
  meetingId: string;
  itemIds: string[];
  /** The hall display's link, made by the secretary (the token rides in the fragment). */
  displayPath: string;
  /** Every account's id by username. */
  userIds: Record<string, string>;
}

/** The demo meeting with the given agenda and a display link, as the secretary prepares it. */
export async function prepareLiveMeeting(base: string, agenda: readonly { title: string; plannedMinutes: number }[]): Promise<LiveMeetingSetup> {
  const admin = await sessionCookie(base, 'quantri');
  const secretary = await sessionCookie(base, 'thuky');
  const userIds: Record<string, string> = {};
  for (const u of (await api(base, admin, 'GET', '/api/users')) as { id: string; username: string }[]) userIds[u.username] = u.id;
  const meetingId = ((await api(base, secretary, 'GET', '/api/meetings/mine')) as { id: string; title: string }[]).find((m) => m.title === DEMO_MEETING_TITLE)?.id as string;
  for (const item of agenda) await api(base, secretary, 'POST', `/api/meetings/${meetingId}/agenda`, item);
  const itemIds = ((await api(base, secretary, 'GET', `/api/meetings/${meetingId}/agenda`)) as { id: string }[]).map((i) => i.id);
  const displayPath = (await api(base, secretary, 'POST', `/api/meetings/${meetingId}/displays`, { label: 'Máy chiếu hội trường' })).path as string;
  return { meetingId, itemIds, displayPath, userIds };
}

/** A new page in a context of its own: a tablet by default, or a screen of the given size (a projector, a site PC). */
export async function newPage(browser: Browser, baseURL: string, contexts: BrowserContext[], viewport?: { width: number; height: number }): Promise<Page> {
  const context = viewport
    ? await browser.newContext({ baseURL, viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' })
    : await tabletContext(browser, baseURL);
  contexts.push(context);
  return context.newPage();
}

/**
 * Delegates of the province office (VP-UBND) created by the administrator, each having then set their own password
 * (the demo password) as a new user must: their ids, in order.
 */
export async function createDelegates(base: string, delegates: readonly { username: string; fullName: string; title: string }[]): Promise<string[]> {
  const admin = await sessionCookie(base, 'quantri');
  const units = (await api(base, admin, 'GET', '/api/org/units')) as { id: string; code: string }[];
  const unitId = units.find((u) => u.code === 'VP-UBND')?.id;
  const ids: string[] = [];
  for (const d of delegates) {
    ids.push(((await api(base, admin, 'POST', '/api/users', { ...d, password: 'TamThoi@2026', roles: ['delegate'], unitId })) as { id: string }).id);
    const temp = await sessionCookie(base, d.username, 'TamThoi@2026');
    await api(base, temp, 'POST', '/api/auth/password', { currentPassword: 'TamThoi@2026', newPassword: DEMO_PASSWORD });
  }
  return ids;
}
