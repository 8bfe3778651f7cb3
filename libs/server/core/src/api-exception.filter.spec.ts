import { NotFoundException, HttpException } from '@nestjs/common';
import { ApiError } from './api-error';
import { retryAfterSeconds, toApiErrorBody } from './api-exception.filter';
import { BODY_TOO_DEEP_TYPE } from './json-depth';

describe('toApiErrorBody', () => {
  it('keeps the code and both languages of an ApiError', () => {
    const body = toApiErrorBody(new ApiError('USERNAME_TAKEN'));
    expect(body).toMatchObject({ statusCode: 409, code: 'USERNAME_TAKEN' });
    expect(body.message.vi).toContain('Tên đăng nhập');
    expect(body.message.en).toContain('username');
  });

  it('gives framework errors a catalogue code by status', () => {
    expect(toApiErrorBody(new NotFoundException()).code).toBe('NOT_FOUND');
    expect(toApiErrorBody(new HttpException('slow down', 429)).code).toBe('AUTH_TOO_MANY_ATTEMPTS');
  });

  it('hides unknown errors behind INTERNAL_ERROR', () => {
    const body = toApiErrorBody(new Error('db password is hunter2'));
    expect(body).toMatchObject({ statusCode: 500, code: 'INTERNAL_ERROR' });
    expect(JSON.stringify(body)).not.toContain('hunter2');
  });
});

describe('body-parser errors', () => {
  it('gives a body too large and a body too deep codes of their own', () => {
    const tooLarge = new HttpException('request entity too large', 413, { cause: Object.assign(new Error('too large'), { type: 'entity.too.large' }) });
    expect(toApiErrorBody(tooLarge)).toMatchObject({ statusCode: 413, code: 'BODY_TOO_LARGE' });
    const tooDeep = new HttpException('nested', 400, { cause: Object.assign(new Error('nested'), { type: BODY_TOO_DEEP_TYPE }) });
    expect(toApiErrorBody(tooDeep)).toMatchObject({ statusCode: 400, code: 'BODY_TOO_DEEP' });
    expect(toApiErrorBody(new HttpException('bad json', 400)).code).toBe('MALFORMED_REQUEST');
  });
});

describe('retryAfterSeconds', () => {
  const res = (headers: Record<string, string>) => ({ getHeaderNames: () => Object.keys(headers), getHeader: (n: string) => headers[n] });

  it('prefers the error own hint, then the rate limiter header, then a minute', () => {
    expect(retryAfterSeconds(new ApiError('AUTH_TOO_MANY_ATTEMPTS', undefined, { retryAfterSeconds: 299.2 }), res({}))).toBe(300);
    expect(retryAfterSeconds(new HttpException('slow down', 429), res({ 'retry-after-login': '42' }))).toBe(42);
    expect(retryAfterSeconds(new HttpException('slow down', 429), res({}))).toBe(60);
  });
});
