import { API_PREFIX } from '@phonghop/contracts';
import type { KeyValueStore } from '../reader/last-page';

/**
 * "Opened" reports of saved copies not yet delivered, per user. Reading a saved copy needs no server, so the
 * report may have to wait until the tablet is back online; localStorage keeps it across reloads and restarts.
 */
export const OPENED_PENDING_PREFIX = 'phonghop.openedPending.';

/** Enough for every paper of several meetings; beyond that the oldest reports go first. */
const MAX_PENDING = 200;

export interface OpenedReport {
  documentId: string;
  version: number;
}

/** `POST …/versions/:version/opened`, the server's record of the reader opening its saved copy. */
export function openedUrl(documentId: string, version: number): string {
  return `${API_PREFIX}/documents/${encodeURIComponent(documentId)}/versions/${version}/opened`;
}

export function readPendingOpened(store: KeyValueStore | null | undefined, userId: string): OpenedReport[] {
  try {
    const raw = store?.getItem(OPENED_PENDING_PREFIX + userId);
    const list: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(list) ? list.filter(isReport) : [];
  } catch {
    return [];
  }
}

export function writePendingOpened(store: KeyValueStore | null | undefined, userId: string, list: readonly OpenedReport[]): void {
  try {
    store?.setItem(OPENED_PENDING_PREFIX + userId, JSON.stringify(list));
  } catch {
    // Full storage: a report that cannot be sent right away is lost; "received" still shows the paper arrived.
  }
}

/** The list with `report` at its end, once; the newest MAX_PENDING are kept. */
export function withPending(list: readonly OpenedReport[], report: OpenedReport): OpenedReport[] {
  return [...list.filter((r) => !same(r, report)), report].slice(-MAX_PENDING);
}

export function withoutPending(list: readonly OpenedReport[], report: OpenedReport): OpenedReport[] {
  return list.filter((r) => !same(r, report));
}

/**
 * What a failed send means for the report. No answer (offline, status 0), a server that is down or busy, or a
 * session that ended (sent again after signing in): try later. Any other refusal (the paper was deleted,
 * unpublished, or is no longer meant for this person) will not change by retrying: drop it.
 */
export function shouldRetryOpened(statusCode: number): boolean {
  return statusCode === 0 || statusCode === 401 || statusCode === 408 || statusCode === 429 || statusCode >= 500;
}

function same(a: OpenedReport, b: OpenedReport): boolean {
  return a.documentId === b.documentId && a.version === b.version;
}

function isReport(x: unknown): x is OpenedReport {
  const r = x as OpenedReport | null;
  return !!r && typeof r.documentId === 'string' && Number.isInteger(r.version) && r.version >= 1;
}
