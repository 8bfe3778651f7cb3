import type { Role } from '@phonghop/contracts';

/** What a guard attaches to a request or socket once its session checked out. */
export interface AuthenticatedUser {
  id: string;
  username: string;
  fullName: string;
  roles: Role[];
  unitId: string | null;
  siteId: string | null;
  sessionId: string;
}

export function hasAnyRole(user: Pick<AuthenticatedUser, 'roles'>, roles: readonly Role[]): boolean {
  return user.roles.some((r) => roles.includes(r));
}
