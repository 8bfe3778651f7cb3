import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { type ApiErrorBody, type ErrorCode, errorBody, isApiErrorBody, withRetryAfter } from '@phonghop/contracts';
import type { Request, Response } from 'express';
import { ApiError } from './api-error';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './database-unavailable';
import { BODY_TOO_DEEP_TYPE } from './json-depth';

/** Maps a status with no stable code of its own (framework errors) to one from the catalogue. */
const CODE_BY_STATUS: Record<number, ErrorCode> = {
  [HttpStatus.BAD_REQUEST]: 'MALFORMED_REQUEST',
  [HttpStatus.UNAUTHORIZED]: 'AUTH_REQUIRED',
  [HttpStatus.FORBIDDEN]: 'FORBIDDEN',
  [HttpStatus.NOT_FOUND]: 'NOT_FOUND',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'BODY_TOO_LARGE',
  [HttpStatus.TOO_MANY_REQUESTS]: 'AUTH_TOO_MANY_ATTEMPTS',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'SERVICE_UNAVAILABLE',
};

/** Body-parser errors (the `type` of the error Nest keeps as the cause) with a code of their own. */
const CODE_BY_PARSER_ERROR: Record<string, ErrorCode> = {
  [BODY_TOO_DEEP_TYPE]: 'BODY_TOO_DEEP',
  'entity.too.large': 'BODY_TOO_LARGE',
};

/** A 429 without a better hint (the login rate limit's window is a minute). */
const DEFAULT_RETRY_AFTER_SECONDS = 60;

/**
 * What @nestjs/terminus throws (inside a 503) when a health indicator is down: `{ status: 'error', info, error, details }`.
 * Monitoring reads the failing part under `error`, so the answer keeps `status`, `info` and `error` beside the
 * catalogue code (not terminus' `details`, which is `info` and `error` again and would clash with the body's
 * field-level `details`).
 */
function isHealthCheckResult(response: unknown): response is { status: 'error' | 'shutting_down'; info?: object; error: object; details: object } {
  const r = response as { status?: unknown; error?: unknown; details?: unknown } | null;
  return typeof r === 'object' && r !== null && (r.status === 'error' || r.status === 'shutting_down') && typeof r.error === 'object' && typeof r.details === 'object';
}

export function toApiErrorBody(exception: unknown): ApiErrorBody {
  if (exception instanceof HttpException) {
    const response = exception.getResponse();
    if (isApiErrorBody(response)) return response;
    if (isHealthCheckResult(response)) {
      const { status, info, error } = response;
      return { ...errorBody('SERVICE_UNAVAILABLE'), statusCode: exception.getStatus(), ...{ status, info, error } };
    }
    const parserType = (exception.cause as { type?: unknown } | undefined)?.type;
    const code =
      (typeof parserType === 'string' ? CODE_BY_PARSER_ERROR[parserType] : undefined) ??
      CODE_BY_STATUS[exception.getStatus()] ??
      (exception.getStatus() >= 500 ? 'INTERNAL_ERROR' : 'MALFORMED_REQUEST');
    return { ...errorBody(code), statusCode: exception.getStatus() };
  }
  return errorBody(isDatabaseUnavailable(exception) ? 'DATABASE_UNAVAILABLE' : 'INTERNAL_ERROR');
}

/**
 * Seconds until a throttled client may try again: the ApiError's own hint (an account lock), else what the rate
 * limiter put in its per-limit header (`Retry-After-login`), else a minute.
 */
export function retryAfterSeconds(exception: unknown, res: Pick<Response, 'getHeaderNames' | 'getHeader'>): number {
  if (exception instanceof ApiError && exception.retryAfterSeconds !== undefined) return Math.max(1, Math.ceil(exception.retryAfterSeconds));
  const hinted = res
    .getHeaderNames()
    .filter((name) => name.toLowerCase().startsWith('retry-after-'))
    .map((name) => Number(res.getHeader(name)))
    .filter((n) => Number.isFinite(n) && n > 0);
  return hinted.length ? Math.ceil(Math.max(...hinted)) : DEFAULT_RETRY_AFTER_SECONDS;
}

@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request & { id?: string | number }>();
    let body = toApiErrorBody(exception);
    if (body.code === 'DATABASE_UNAVAILABLE') {
      // Expected while PostgreSQL restarts: one line without the stack (the pool logs the lost connections itself).
      this.logger.warn({ path: req.path, error: exception instanceof Error ? exception.message : String(exception) }, 'Database unavailable');
    } else if (body.statusCode >= 500 && !(exception instanceof HttpException && isHealthCheckResult(exception.getResponse()))) {
      // Unexpected: keep the stack in the log, never in the response.
      this.logger.error({ err: exception, path: req.path }, 'Unhandled error');
    }
    if (req.id !== undefined) body.requestId = String(req.id);
    if (res.headersSent) return;
    if (body.statusCode === HttpStatus.TOO_MANY_REQUESTS) {
      // The header for HTTP clients; the body's field and message for people (“try again in 2 minutes”).
      const seconds = retryAfterSeconds(exception, res);
      res.setHeader('Retry-After', String(seconds));
      body = withRetryAfter(body, seconds);
    } else if (body.code === 'DATABASE_UNAVAILABLE') {
      res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      body = withRetryAfter(body, DATABASE_RETRY_AFTER_SECONDS);
    }
    res.status(body.statusCode).json(body);
  }
}
