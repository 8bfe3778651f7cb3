import type { HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { API_PREFIX } from '@phonghop/contracts';
import { catchError, throwError } from 'rxjs';
import { toApiError } from './api-error';
import { SessionEvents } from './session-events';

/** `/api/auth/*` answers 401 as part of normal sign-in flow; everywhere else 401 means the session is gone. */
const AUTH_PATH = `${API_PREFIX}/auth/`;

export const apiErrorInterceptor: HttpInterceptorFn = (req, next) => {
  const sessionEvents = inject(SessionEvents);
  return next(req).pipe(
    catchError((raw: unknown) => {
      const error = toApiError(raw);
      if (error.code === 'AUTH_REQUIRED' && !req.url.includes(AUTH_PATH)) sessionEvents.notifySessionLost();
      return throwError(() => error);
    }),
  );
};
