import { HttpException } from '@nestjs/common';
import { type ApiErrorDetail, type ErrorCode, errorBody } from '@phonghop/contracts';

export interface ApiErrorOptions {
  /** For 429 answers: when the client may try again (sent as the `Retry-After` header, in seconds). */
  retryAfterSeconds?: number;
}

/** Throw this from services: the exception filter turns it into the one error format. */
export class ApiError extends HttpException {
  readonly retryAfterSeconds?: number;

  constructor(
    readonly code: ErrorCode,
    readonly details?: ApiErrorDetail[],
    options: ApiErrorOptions = {},
  ) {
    const body = errorBody(code, details);
    super(body, body.statusCode);
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}
