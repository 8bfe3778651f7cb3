import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { IDENTITY_OPTIONS, type IdentityOptions } from './identity.options';
import { UsersService } from './users.service';

/**
 * A production install starts with no accounts. When FIRST_ADMIN_USERNAME/PASSWORD are set and the database
 * has no users at all, this creates that administrator (who must change the password at first sign-in).
 * With any account present it does nothing, so leaving the variables set is harmless.
 */
@Injectable()
export class FirstAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger('FirstAdmin');

  constructor(
    @Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions,
    private readonly users: UsersService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const first = this.options.firstAdmin;
    if (!first || (await this.users.count()) > 0) return;
    try {
      await this.users.create(
        { username: first.username, fullName: 'Quản trị hệ thống', password: first.password, roles: ['admin'] },
        { mustChangePassword: true },
      );
    } catch (err) {
      // Several API processes starting together on an empty database: another one made the administrator first.
      if ((await this.users.count()) > 0) return;
      throw err;
    }
    this.logger.log(`Created the first administrator '${first.username}'`);
  }
}
