import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { type CurrentSessionDto, SESSION_COOKIE } from '@phonghop/contracts';
import type { CookieOptions, Request, Response } from 'express';
import { CurrentUser, Public } from './auth.decorators';
import { AuthService } from './auth.service';
import type { AuthenticatedUser } from './authenticated-user';
import { ChangePasswordBody, LoginBody } from './dto/identity.dto';
import { IDENTITY_OPTIONS, type IdentityOptions } from './identity.options';
import { SessionService } from './session.service';
import { UsersService } from './users.service';
import { toUserDto } from './user.mapper';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
    private readonly users: UsersService,
    @Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions,
  ) {}

  private cookieOptions(req: Request): CookieOptions {
    // Strict: the cookie never rides on a request started by another site, which is our CSRF defence.
    // Secure when configured, and whenever the request came over HTTPS: directly (TLS) or through a trusted proxy
    // (TRUST_PROXY_HOPS, X-Forwarded-Proto: https).
    return { httpOnly: true, sameSite: 'strict', secure: this.options.secureCookies || req.secure, path: '/' };
  }

  // Public: this is how a session starts. Rate-limited per client address on top of the per-account lock.
  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: LoginBody, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<CurrentSessionDto> {
    const { user, opened } = await this.auth.login(body.username, body.password, {
      userAgent: req.get('user-agent'),
      ip: req.ip,
    });
    res.cookie(SESSION_COOKIE, opened.token, { ...this.cookieOptions(req), expires: opened.session.expiresAt });
    return { user: toUserDto(user), expiresAt: opened.session.expiresAt.toISOString() };
  }

  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentUser() user: AuthenticatedUser, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.sessions.end(user.sessionId);
    res.clearCookie(SESSION_COOKIE, this.cookieOptions(req));
  }

  @Get('me')
  async me(@CurrentUser() user: AuthenticatedUser, @Req() req: Request & { sessionExpiresAt?: Date }): Promise<CurrentSessionDto> {
    return { user: await this.users.get(user.id), expiresAt: (req.sessionExpiresAt ?? new Date()).toISOString() };
  }

  @Post('password')
  @HttpCode(204)
  async changePassword(@CurrentUser() user: AuthenticatedUser, @Body() body: ChangePasswordBody): Promise<void> {
    await this.auth.changePassword(user.id, user.sessionId, body.currentPassword, body.newPassword);
  }
}
