/** REST paths shared by the API and its clients. */
export const API_PREFIX = '/api';
export const SESSION_COOKIE = 'phonghop_session';

export interface HealthDto {
  status: 'ok' | 'error';
  info?: Record<string, unknown>;
  error?: Record<string, unknown>;
}
