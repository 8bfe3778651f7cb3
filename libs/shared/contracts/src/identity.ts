import type { Role } from './roles';

export interface UserDto {
  id: string;
  username: string;
  fullName: string;
  /** Chức vụ, e.g. "Phó Chủ tịch UBND tỉnh". */
  title: string | null;
  email: string | null;
  phone: string | null;
  roles: Role[];
  unitId: string | null;
  /** Set for site-operator accounts: the conference site the device joins as. */
  siteId: string | null;
  disabled: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface LoginRequest {
  username: string;
  password: string;
}

export interface CurrentSessionDto {
  user: UserDto;
  /** ISO time when the session ends unless used again. */
  expiresAt: string;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

export interface CreateUserRequest {
  username: string;
  fullName: string;
  password: string;
  roles: Role[];
  title?: string | null;
  email?: string | null;
  phone?: string | null;
  unitId?: string | null;
  siteId?: string | null;
}

export interface UpdateUserRequest {
  fullName?: string;
  roles?: Role[];
  title?: string | null;
  email?: string | null;
  phone?: string | null;
  unitId?: string | null;
  siteId?: string | null;
  disabled?: boolean;
}

export interface ResetPasswordRequest {
  newPassword: string;
}

export interface UserListQuery {
  search?: string;
  unitId?: string;
  role?: Role;
  includeDisabled?: boolean;
}

/** Password rule shared by server validation and the client form. */
export const PASSWORD_MIN_LENGTH = 8;
export function isStrongEnoughPassword(password: string): boolean {
  return password.length >= PASSWORD_MIN_LENGTH && /\p{L}/u.test(password) && /\d/.test(password);
}

/**
 * A search key for Vietnamese names: lower case, tones and marks removed, đ → d. People often type
 * without diacritics ("nguyen van a"), and SQLite's LIKE only folds ASCII case, so matching uses this.
 */
export function searchKey(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().trim();
}
