import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ValidateIf } from 'class-validator';
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

/**
 * A field that may be left out but, when sent, must pass its validators — null included. class-validator's
 * `@IsOptional()` skips null as well as undefined, so `{"name": null}` used to reach services that read an optional
 * field as "absent or valid" and answered 500 (issue 14's fuzzing). Use `@IsOptional()` only where null is meant.
 */
export function IsOptionalNotNull(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}
