import { ERROR_CATALOGUE, errorBody, isApiErrorBody } from './errors';
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
