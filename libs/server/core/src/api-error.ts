import { HttpException } from '@nestjs/common';
import { type ApiErrorDetail, type ErrorCode, errorBody } from '@phonghop/contracts';

/** Throw this from services: the exception filter turns it into the one error format. */
export class ApiError extends HttpException {
  constructor(
    readonly code: ErrorCode,
    readonly details?: ApiErrorDetail[],
  ) {
    const body = errorBody(code, details);
    super(body, body.statusCode);
  }
}
