import { NotFoundException, HttpException } from '@nestjs/common';
import { ApiError } from './api-error';
import { toApiErrorBody } from './api-exception.filter';

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
