import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@phonghop/contracts';
import type { AuthenticatedUser } from './authenticated-user';

export const IS_PUBLIC = 'phonghop:public';
export const REQUIRED_ROLES = 'phonghop:roles';

/** Opens a route to anonymous callers. Each use must say why in a comment beside it. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Restricts a route to accounts holding at least one of these system roles. */
export const RequireRoles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthenticatedUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthenticatedUser }>().user;
});
