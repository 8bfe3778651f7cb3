// HttpErrorResponse comes with @angular/common/http, whose partially compiled classes need the JIT compiler under jest.
import '@angular/compiler';
import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { errorBody, withRetryAfter } from '@phonghop/contracts';
import { retryAfterHeader, toApiError } from './api-error';

describe('toApiError on 429', () => {
  it('keeps the API body, which already says when to try again', () => {
    const body = withRetryAfter(errorBody('AUTH_TOO_MANY_ATTEMPTS'), 120);
    const res = new HttpErrorResponse({ status: 429, error: body, headers: new HttpHeaders({ 'Retry-After': '999' }) });
    expect(toApiError(res)).toEqual(body);
  });

  it('reads Retry-After when the answer came from something else (a proxy), and words the wait', () => {
    const res = new HttpErrorResponse({ status: 429, error: '<html>Too Many Requests</html>', headers: new HttpHeaders({ 'Retry-After': '30' }) });
    const err = toApiError(res);
    expect(err).toMatchObject({ statusCode: 429, code: 'AUTH_TOO_MANY_ATTEMPTS', retryAfterSeconds: 30 });
    expect(err.message.vi).toContain('30 giây');
    expect(toApiError(new HttpErrorResponse({ status: 429 })).retryAfterSeconds).toBeUndefined();
  });

  it('understands both forms of Retry-After', () => {
    expect(retryAfterHeader('42')).toBe(42);
    expect(retryAfterHeader(new Date(10_000 + 90_000).toUTCString(), 10_000)).toBe(90);
    expect(retryAfterHeader('soon')).toBeUndefined();
    expect(retryAfterHeader(null)).toBeUndefined();
  });
});
