/** REST paths shared by the API and its clients. */
export const API_PREFIX = '/api';
export const SESSION_COOKIE = 'phonghop_session';

export interface HealthDto {
  status: 'ok' | 'error';
  info?: Record<string, unknown>;
  error?: Record<string, unknown>;
}

/** Server settings the web app needs before anything else (GET /api/settings, public: the sign-in page shows times too). */
export interface ClientSettingsDto {
  /** IANA zone that meeting times are shown in (MEETING_TIME_ZONE), whatever the device's own zone. */
  timeZone: string;
}

/** Shown when the server's settings cannot be read (offline start): the zone of Vietnam's meetings. */
export const DEFAULT_MEETING_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id as the API issues them (UUID): socket messages are checked with it before they reach a domain. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
