import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  type CreateUserRequest,
  type Role,
  type UpdateUserRequest,
  type UserDto,
  type UserListQuery,
  isStrongEnoughPassword,
  searchKey,
} from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import type { AuthenticatedUser } from './authenticated-user';
import { UserEntity } from './entities/user.entity';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { UserEvents } from './user-events';
import { SessionService } from './session.service';
import { toUserDto } from './user.mapper';

export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

@Injectable()
export class UsersService {
  private readonly logger = new Logger('UsersService');

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottle,
    private readonly events: UserEvents,
  ) {}

  async list(query: UserListQuery): Promise<UserDto[]> {
    const qb = this.users.createQueryBuilder('u').orderBy('u.full_name', 'ASC');
    if (!query.includeDisabled) qb.andWhere('u.disabled = :disabled', { disabled: false });
    if (query.unitId) qb.andWhere('u.unit_id = :unitId', { unitId: query.unitId });
    let rows = await qb.getMany();
    // Name search and roles (a comma list) are matched in memory: the same on SQLite and PostgreSQL,
    // tone-insensitive for Vietnamese. A province has thousands of accounts, not millions.
    const term = query.search ? searchKey(query.search) : '';
    if (term) rows = rows.filter((u) => searchKey(u.fullName).includes(term) || u.username.includes(term));
    if (query.role) rows = rows.filter((u) => u.roles.includes(query.role as Role));
    return rows.slice(0, 1000).map(toUserDto);
  }

  async get(id: string): Promise<UserDto> {
    return toUserDto(await this.require(id));
  }

  async findByUsername(username: string): Promise<UserEntity | null> {
    return this.users.findOne({ where: { username: normaliseUsername(username) } });
  }

  async count(): Promise<number> {
    return this.users.count();
  }

  async create(req: CreateUserRequest, options: { mustChangePassword?: boolean } = {}): Promise<UserDto> {
    const username = normaliseUsername(req.username);
    if (!isStrongEnoughPassword(req.password)) throw new ApiError('AUTH_WEAK_PASSWORD');
    if (await this.users.exists({ where: { username } })) throw new ApiError('USERNAME_TAKEN');
    const user = this.users.create({
      id: randomUUID(),
      username,
      fullName: req.fullName.trim(),
      title: req.title ?? null,
      email: req.email ?? null,
      phone: req.phone ?? null,
      roles: [...new Set(req.roles)],
      unitId: req.unitId ?? null,
      siteId: req.siteId ?? null,
      passwordHash: await this.hasher.hash(req.password),
      disabled: false,
      mustChangePassword: options.mustChangePassword ?? true,
      failedLogins: 0,
      lockedUntil: null,
      lastLoginAt: null,
    });
    await this.users.save(user);
    if (user.siteId) this.events.siteAssigned$.next({ userId: user.id, siteId: user.siteId });
    return toUserDto(user);
  }

  async update(actor: AuthenticatedUser, id: string, req: UpdateUserRequest): Promise<UserDto> {
    const user = await this.require(id);
    if (actor.id === id && (req.disabled === true || (req.roles && !req.roles.includes('admin')))) {
      // An admin locking themselves out would leave nobody able to undo it.
      throw new ApiError('USER_CANNOT_DISABLE_SELF');
    }
    const becameDisabled = req.disabled === true && !user.disabled;
    const newSite = req.siteId && req.siteId !== user.siteId ? req.siteId : null;
    Object.assign(user, {
      ...(req.fullName !== undefined && { fullName: req.fullName.trim() }),
      ...(req.roles !== undefined && { roles: [...new Set(req.roles)] }),
      ...(req.title !== undefined && { title: req.title }),
      ...(req.email !== undefined && { email: req.email }),
      ...(req.phone !== undefined && { phone: req.phone }),
      ...(req.unitId !== undefined && { unitId: req.unitId }),
      ...(req.siteId !== undefined && { siteId: req.siteId }),
      ...(req.disabled !== undefined && { disabled: req.disabled }),
    });
    await this.users.save(user);
    if (becameDisabled) await this.sessions.endAllOf(user.id);
    if (newSite && !user.disabled) this.events.siteAssigned$.next({ userId: user.id, siteId: newSite });
    return toUserDto(user);
  }

  async resetPassword(id: string, newPassword: string): Promise<void> {
    const user = await this.require(id);
    if (!isStrongEnoughPassword(newPassword)) throw new ApiError('AUTH_WEAK_PASSWORD');
    await this.users.update(user.id, {
      passwordHash: await this.hasher.hash(newPassword),
      mustChangePassword: true,
      failedLogins: 0,
      lockedUntil: null,
    });
    await this.sessions.endAllOf(user.id);
    // The person is about to sign in with the new password, maybe from the address a guesser slowed down.
    this.throttle.clear(user.username);
  }

  /** The administrator's unlock: forgets the account's wrong passwords from every address, so its owner may try again at once. */
  async clearLoginThrottle(actor: AuthenticatedUser, id: string): Promise<void> {
    const user = await this.require(id);
    const hadFailures = this.throttle.clear(user.username);
    this.logger.log({ userId: user.id, by: actor.id, hadFailures }, 'Sign-in delays of an account cleared by an administrator');
  }

  private async require(id: string): Promise<UserEntity> {
    const user = await this.users.findOne({ where: { id } });
    if (!user) throw new ApiError('USER_NOT_FOUND');
    return user;
  }
}
