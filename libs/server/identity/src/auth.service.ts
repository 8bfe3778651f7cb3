import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { isStrongEnoughPassword } from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import { Repository } from 'typeorm';
import { UserEntity } from './entities/user.entity';
import { IDENTITY_OPTIONS, type IdentityOptions } from './identity.options';
import { PasswordHasher } from './password-hasher';
import { type OpenedSession, SessionService } from './session.service';

/** AUTH_TOO_MANY_ATTEMPTS telling the client (Retry-After) when the lock ends. */
function locked(until: Date): ApiError {
  return new ApiError('AUTH_TOO_MANY_ATTEMPTS', undefined, { retryAfterSeconds: (until.getTime() - Date.now()) / 1000 });
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger('AuthService');
  /** Verified against when the username is unknown, so timing does not reveal which accounts exist. */
  private dummyHash: Promise<string> | undefined;

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
  ) {}

  async login(
    username: string,
    password: string,
    meta: { userAgent?: string; ip?: string },
  ): Promise<{ user: UserEntity; opened: OpenedSession }> {
    const user = await this.users.findOne({ where: { username: username.trim().toLowerCase() } });
    if (!user) {
      this.dummyHash ??= this.hasher.hash('phonghop-timing-equaliser-1');
      await this.hasher.verify(await this.dummyHash, password);
      throw new ApiError('AUTH_INVALID_CREDENTIALS');
    }
    if (user.lockedUntil && user.lockedUntil.getTime() > Date.now()) throw locked(user.lockedUntil);
    const valid = await this.hasher.verify(user.passwordHash, password);
    if (!valid) {
      const failed = user.failedLogins + 1;
      const lock = failed >= this.options.maxFailedLogins;
      const lockedUntil = lock ? new Date(Date.now() + this.options.lockMinutes * 60_000) : user.lockedUntil;
      await this.users.update(user.id, { failedLogins: lock ? 0 : failed, lockedUntil });
      if (lock && lockedUntil) {
        this.logger.warn({ userId: user.id }, 'Account locked after repeated failed logins');
        throw locked(lockedUntil);
      }
      throw new ApiError('AUTH_INVALID_CREDENTIALS');
    }
    // Checked after the password so a guesser cannot learn that an account exists but is disabled.
    if (user.disabled) throw new ApiError('AUTH_ACCOUNT_DISABLED');
    user.failedLogins = 0;
    user.lockedUntil = null;
    user.lastLoginAt = new Date();
    await this.users.update(user.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: user.lastLoginAt });
    const opened = await this.sessions.open(user.id, meta);
    return { user, opened };
  }

  async changePassword(userId: string, sessionId: string, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.users.findOneOrFail({ where: { id: userId } });
    if (!(await this.hasher.verify(user.passwordHash, currentPassword))) throw new ApiError('AUTH_WRONG_CURRENT_PASSWORD');
    if (!isStrongEnoughPassword(newPassword)) throw new ApiError('AUTH_WEAK_PASSWORD');
    await this.users.update(user.id, { passwordHash: await this.hasher.hash(newPassword), mustChangePassword: false });
    // Other devices must sign in again with the new password; this one stays.
    await this.sessions.endAllOf(user.id, sessionId);
  }
}
