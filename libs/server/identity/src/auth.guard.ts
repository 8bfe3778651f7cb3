import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type Role, SESSION_COOKIE } from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import type { Request } from 'express';
import { IS_PUBLIC, REQUIRED_ROLES } from './auth.decorators';
import { type AuthenticatedUser, hasAnyRole } from './authenticated-user';
import { SessionService } from './session.service';

/** Global guard: every HTTP route needs a live session unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true; // sockets authenticate at the handshake
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<Request & { user?: AuthenticatedUser; sessionExpiresAt?: Date }>();
    const auth = await this.sessions.authenticate(req.cookies?.[SESSION_COOKIE]);
    if (!auth) throw new ApiError('AUTH_REQUIRED');
    req.user = auth.user;
    req.sessionExpiresAt = auth.expiresAt;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles?.length && !hasAnyRole(auth.user, roles)) throw new ApiError('FORBIDDEN');
    return true;
  }
}
