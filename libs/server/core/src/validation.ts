import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { ApiErrorDetail } from '@phonghop/contracts';
import { ApiError } from './api-error';

function flatten(errors: ValidationError[], prefix = ''): ApiErrorDetail[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((problem) => ({ field, problem }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Global pipe: strips unknown fields, rejects forbidden ones, and reports in the one error format. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new ApiError('VALIDATION_FAILED', flatten(errors)),
  });
}
