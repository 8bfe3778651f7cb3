import { HttpErrorResponse } from '@angular/common/http';
import { errorBody, isApiErrorBody, withRetryAfter, type ApiErrorBody, type ErrorCode } from '@phonghop/contracts';

/** Shown when the server cannot be reached at all (offline tablet, API restarting, proxy down). */
export const NETWORK_ERROR_TEXT = {
  vi: 'Không kết nối được tới máy chủ. Kiểm tra kết nối mạng rồi thử lại.',
  en: 'Cannot reach the server. Check the network connection and try again.',
} as const;

/**
 * Turns anything HttpClient can throw into the API's one error shape, so pages only ever
 * handle `ApiErrorBody` and show `message.vi`/`message.en`.
 */
export function toApiError(error: unknown): ApiErrorBody {
  if (isApiErrorBody(error)) return error;
  if (error instanceof HttpErrorResponse) {
    if (error.status === 0) {
      return { statusCode: 0, code: 'SERVICE_UNAVAILABLE', message: { ...NETWORK_ERROR_TEXT } };
    }
    const body = isApiErrorBody(error.error) ? error.error : errorBody(codeForStatus(error.status));
    // A 429 says when to try again: our API in the body, anything in between (a proxy) at least in Retry-After.
    const retryAfter = error.status === 429 && body.retryAfterSeconds === undefined ? retryAfterHeader(error.headers.get('Retry-After')) : undefined;
    return retryAfter === undefined ? body : withRetryAfter(body, retryAfter);
  }
  return errorBody('INTERNAL_ERROR');
}

/** Seconds from a Retry-After header: a number of seconds or an HTTP date. */
export function retryAfterHeader(value: string | null, now = Date.now()): number | undefined {
  if (!value?.trim()) return undefined;
  const seconds = /^\d+$/.test(value.trim()) ? Number(value) : (Date.parse(value) - now) / 1000;
  return Number.isFinite(seconds) ? Math.max(1, Math.ceil(seconds)) : undefined;
}

function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'MALFORMED_REQUEST';
    case 401:
      return 'AUTH_REQUIRED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 429:
      return 'AUTH_TOO_MANY_ATTEMPTS';
    case 502:
    case 503:
    case 504:
      return 'SERVICE_UNAVAILABLE';
    default:
      return 'INTERNAL_ERROR';
  }
}
