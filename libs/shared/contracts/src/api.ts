/** REST paths shared by the API and its clients. */
export const API_PREFIX = '/api';
export const SESSION_COOKIE = 'phonghop_session';

export interface HealthDto {
  status: 'ok' | 'error';
  info?: Record<string, unknown>;
  error?: Record<string, unknown>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id as the API issues them (UUID): socket messages are checked with it before they reach a domain. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
