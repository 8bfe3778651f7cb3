import type { UserDto } from '@phonghop/contracts';
import type { UserEntity } from './entities/user.entity';

export function toUserDto(u: UserEntity): UserDto {
  return {
    id: u.id,
    username: u.username,
    fullName: u.fullName,
    title: u.title,
    email: u.email,
    phone: u.phone,
    roles: u.roles,
    unitId: u.unitId,
    siteId: u.siteId,
    disabled: u.disabled,
    mustChangePassword: u.mustChangePassword,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}
