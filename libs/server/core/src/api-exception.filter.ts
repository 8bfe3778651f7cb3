import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { type ApiErrorBody, type ErrorCode, errorBody, isApiErrorBody } from '@phonghop/contracts';
import type { Request, Response } from 'express';

/** Maps a status with no stable code of its own (framework errors) to one from the catalogue. */
const CODE_BY_STATUS: Record<number, ErrorCode> = {
  [HttpStatus.BAD_REQUEST]: 'MALFORMED_REQUEST',
  [HttpStatus.UNAUTHORIZED]: 'AUTH_REQUIRED',
  [HttpStatus.FORBIDDEN]: 'FORBIDDEN',
  [HttpStatus.NOT_FOUND]: 'NOT_FOUND',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'MALFORMED_REQUEST',
  [HttpStatus.TOO_MANY_REQUESTS]: 'AUTH_TOO_MANY_ATTEMPTS',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'SERVICE_UNAVAILABLE',
};

export function toApiErrorBody(exception: unknown): ApiErrorBody {
  if (exception instanceof HttpException) {
    const response = exception.getResponse();
    if (isApiErrorBody(response)) return response;
    const code = CODE_BY_STATUS[exception.getStatus()] ?? (exception.getStatus() >= 500 ? 'INTERNAL_ERROR' : 'MALFORMED_REQUEST');
    return { ...errorBody(code), statusCode: exception.getStatus() };
  }
  return errorBody('INTERNAL_ERROR');
}

@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request & { id?: string | number }>();
    const body = toApiErrorBody(exception);
    if (body.statusCode >= 500) {
      // Unexpected: keep the stack in the log, never in the response.
      this.logger.error({ err: exception, path: req.path }, 'Unhandled error');
    }
    if (req.id !== undefined) body.requestId = String(req.id);
    if (res.headersSent) return;
    res.status(body.statusCode).json(body);
  }
}
