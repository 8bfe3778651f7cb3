import { ERROR_CATALOGUE, errorBody, isApiErrorBody, waitText, withRetryAfter } from './errors';
import { isStrongEnoughPassword, searchKey } from './identity';
import { ROLES, ROLE_LABELS, isRole } from './roles';

describe('error catalogue', () => {
  it('has a status and non-empty Vietnamese and English text for every code', () => {
    for (const [code, e] of Object.entries(ERROR_CATALOGUE)) {
      expect(code).toMatch(/^[A-Z_]+$/);
      expect(e.status).toBeGreaterThanOrEqual(400);
      expect(e.vi.trim().length).toBeGreaterThan(5);
      expect(e.en.trim().length).toBeGreaterThan(5);
      expect(e.vi).not.toBe(e.en);
    }
  });

  it('builds bodies the client can recognise', () => {
    const body = errorBody('VALIDATION_FAILED', [{ field: 'username', problem: 'required' }]);
    expect(body).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: { vi: ERROR_CATALOGUE.VALIDATION_FAILED.vi, en: ERROR_CATALOGUE.VALIDATION_FAILED.en },
      details: [{ field: 'username', problem: 'required' }],
    });
    expect(isApiErrorBody(body)).toBe(true);
    expect(isApiErrorBody({ message: 'x' })).toBe(false);
  });
});

describe('429 answers say when to try again', () => {
  it('puts the wait, rounded up to whole seconds, in the body and in both messages', () => {
    const body = withRetryAfter(errorBody('AUTH_TOO_MANY_ATTEMPTS'), 4.2);
    expect(body).toMatchObject({ statusCode: 429, code: 'AUTH_TOO_MANY_ATTEMPTS', retryAfterSeconds: 5 });
    expect(body.message).toEqual({
      vi: 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 5 giây.',
      en: 'Too many failed sign-in attempts. Try again in 5 seconds.',
    });
    expect(withRetryAfter(errorBody('AUTH_TOO_MANY_ATTEMPTS'), 0).retryAfterSeconds).toBe(1);
  });

  it('words seconds, minutes (rounded up) and hours', () => {
    expect(waitText(1)).toEqual({ vi: '1 giây', en: '1 second' });
    expect(waitText(59)).toEqual({ vi: '59 giây', en: '59 seconds' });
    expect(waitText(60)).toEqual({ vi: '1 phút', en: '1 minute' });
    expect(waitText(61)).toEqual({ vi: '2 phút', en: '2 minutes' });
    expect(waitText(900)).toEqual({ vi: '15 phút', en: '15 minutes' });
    expect(waitText(3600)).toEqual({ vi: '1 giờ', en: '1 hour' });
    expect(waitText(3600 + 61)).toEqual({ vi: '1 giờ 2 phút', en: '1 hour 2 minutes' });
  });
});

describe('roles and passwords', () => {
  it('labels every role in both languages', () => {
    for (const r of ROLES) expect(ROLE_LABELS[r].vi && ROLE_LABELS[r].en).toBeTruthy();
    expect(isRole('site_operator')).toBe(true);
    expect(isRole('root')).toBe(false);
  });

  it('asks for 8+ characters with letters (Vietnamese ones count) and digits', () => {
    expect(isStrongEnoughPassword('PhongHop@2026')).toBe(true);
    expect(isStrongEnoughPassword('mậtkhẩu1')).toBe(true);
    expect(isStrongEnoughPassword('12345678')).toBe(false);
    expect(isStrongEnoughPassword('abcdefgh')).toBe(false);
    expect(isStrongEnoughPassword('ab1')).toBe(false);
  });
});

describe('searchKey', () => {
  it('matches Vietnamese names typed with or without tones and in any case', () => {
    expect(searchKey('Đỗ Quang Huy')).toBe('do quang huy');
    expect(searchKey('NGUYỄN THỊ THU HÀ')).toBe(searchKey('nguyen thi thu ha'));
    expect(searchKey('Phạm Thị Lan')).toContain(searchKey('pham'));
  });
});
