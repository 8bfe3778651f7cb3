import { HttpErrorResponse } from '@angular/common/http';
import { errorBody, isApiErrorBody, type ApiErrorBody, type ErrorCode } from '@phonghop/contracts';

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
    if (isApiErrorBody(error.error)) return error.error;
    if (error.status === 0) {
      return { statusCode: 0, code: 'SERVICE_UNAVAILABLE', message: { ...NETWORK_ERROR_TEXT } };
    }
    return errorBody(codeForStatus(error.status));
  }
  return errorBody('INTERNAL_ERROR');
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
