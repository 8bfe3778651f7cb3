import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { FirstAdminService } from './first-admin.service';
import { SessionEntity } from './entities/session.entity';
import { UserEntity } from './entities/user.entity';
import { IDENTITY_OPTIONS, type IdentityOptions } from './identity.options';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { SessionEvents } from './session-events';
import { UserEvents } from './user-events';
import { SessionService } from './session.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

export const IDENTITY_ENTITIES = [UserEntity, SessionEntity];

@Module({})
export class IdentityModule {
  static register(options: IdentityOptions): DynamicModule {
    return {
      module: IdentityModule,
      global: true,
      imports: [TypeOrmModule.forFeature(IDENTITY_ENTITIES)],
      controllers: [AuthController, UsersController],
      providers: [
        { provide: IDENTITY_OPTIONS, useValue: options },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: LoginThrottle, useValue: new LoginThrottle(options.loginThrottle) },
        PasswordHasher,
        SessionEvents,
        UserEvents,
        SessionService,
        AuthService,
        UsersService,
        FirstAdminService,
      ],
      exports: [SessionService, SessionEvents, UserEvents, UsersService, PasswordHasher, LoginThrottle],
    };
  }
}
