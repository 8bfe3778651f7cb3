import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { isStrongEnoughPassword } from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import { Repository } from 'typeorm';
import { UserEntity } from './entities/user.entity';
import { clientAddressKey, LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { type OpenedSession, SessionService } from './session.service';
import { normaliseUsername } from './users.service';

/** AUTH_TOO_MANY_ATTEMPTS telling the client (Retry-After, and in the message) when it may try again. */
function tooManyAttempts(waitMs: number): ApiError {
  return new ApiError('AUTH_TOO_MANY_ATTEMPTS', undefined, { retryAfterSeconds: waitMs / 1000 });
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger('AuthService');
  /** Verified against when the username is unknown, so timing does not reveal which accounts exist. */
  private dummyHash: Promise<string> | undefined;

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly throttle: LoginThrottle,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
  ) {}

  /**
   * Wrong passwords slow down the account from the address they came from, and the account as a whole only after
   * many (LoginThrottle); nothing locks an account. Unknown usernames are throttled the same way.
   */
  async login(
    username: string,
    password: string,
    meta: { userAgent?: string; ip?: string },
  ): Promise<{ user: UserEntity; opened: OpenedSession }> {
    const account = normaliseUsername(username);
    const address = clientAddressKey(meta.ip);
    const admission = this.throttle.admit(account, address);
    if ('retryAfterMs' in admission) throw tooManyAttempts(admission.retryAfterMs);
    let user: UserEntity | null;
    try {
      user = await this.checkPassword(account, password);
    } catch (err) {
      this.throttle.release(admission.attempt);
      throw err;
    }
    if (!user) {
      const failed = this.throttle.failed(admission.attempt);
      if (failed.addressDelayStarted) this.logger.warn({ account, address }, 'Repeated wrong passwords for one account from one address: delays start');
      if (failed.accountDelayStarted) this.logger.warn({ account }, 'Many wrong passwords for one account from several addresses: account-wide delays start');
      if (failed.waitMs > 0) throw tooManyAttempts(failed.waitMs);
      throw new ApiError('AUTH_INVALID_CREDENTIALS');
    }
    this.throttle.succeeded(admission.attempt);
    // Checked after the password so a guesser cannot learn that an account exists but is disabled.
    if (user.disabled) throw new ApiError('AUTH_ACCOUNT_DISABLED');
    user.lastLoginAt = new Date();
    await this.users.update(user.id, { lastLoginAt: user.lastLoginAt });
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

  /** The account when the password is right, else null (an unknown username costs one verification too). */
  private async checkPassword(account: string, password: string): Promise<UserEntity | null> {
    const user = await this.users.findOne({ where: { username: account } });
    if (!user) {
      this.dummyHash ??= this.hasher.hash('phonghop-timing-equaliser-1');
      await this.hasher.verify(await this.dummyHash, password);
      return null;
    }
    return (await this.hasher.verify(user.passwordHash, password)) ? user : null;
  }
}
