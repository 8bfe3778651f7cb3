import { NotFoundException, HttpException, ServiceUnavailableException } from '@nestjs/common';
import { errorBody } from '@phonghop/contracts';
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

  it('keeps what a failing health check reports under `error` beside the catalogue code', () => {
    const down = { database: { status: 'down', message: 'connect ECONNREFUSED 127.0.0.1:5432' } };
    const info = { media: { status: 'up', configured: 0, up: 0 } };
    const body = toApiErrorBody(new ServiceUnavailableException({ status: 'error', info, error: down, details: { ...info, ...down } }));
    expect(body).toEqual({ ...errorBody('SERVICE_UNAVAILABLE'), status: 'error', info, error: down });
  });

  it('answers DATABASE_UNAVAILABLE (503) when the database cannot be reached, in both languages', () => {
    const body = toApiErrorBody(new Error('Connection terminated unexpectedly'));
    expect(body).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE' });
    expect(body.message.vi).toBe('Cơ sở dữ liệu tạm thời không truy cập được, vui lòng thử lại.');
    expect(body.message.en).toBe('The database is temporarily unavailable; please retry.');
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
