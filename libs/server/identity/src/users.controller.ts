import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { UserDto } from '@phonghop/contracts';
import { CurrentUser, RequireRoles } from './auth.decorators';
import type { AuthenticatedUser } from './authenticated-user';
import { CreateUserBody, ResetPasswordBody, UpdateUserBody, UserListQueryParams } from './dto/identity.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  // Secretaries list people to invite them; only admins change accounts.
  @RequireRoles('admin', 'secretary')
  @Get()
  list(@Query() query: UserListQueryParams): Promise<UserDto[]> {
    return this.users.list(query);
  }

  @RequireRoles('admin', 'secretary')
  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<UserDto> {
    return this.users.get(id);
  }

  @RequireRoles('admin')
  @Post()
  create(@Body() body: CreateUserBody): Promise<UserDto> {
    return this.users.create(body);
  }

  @RequireRoles('admin')
  @Patch(':id')
  update(@CurrentUser() actor: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateUserBody): Promise<UserDto> {
    return this.users.update(actor, id, body);
  }

  @RequireRoles('admin')
  @Post(':id/reset-password')
  @HttpCode(204)
  resetPassword(@Param('id', ParseUUIDPipe) id: string, @Body() body: ResetPasswordBody): Promise<void> {
    return this.users.resetPassword(id, body.newPassword);
  }

  @RequireRoles('admin')
  @Post(':id/unlock')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Clear the sign-in delays of an account (wrong passwords counted from every address).',
    description: 'Nothing locks an account; this lets its owner try again at once after someone guessed at it.',
  })
  unlock(@CurrentUser() actor: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.users.clearLoginThrottle(actor, id);
  }
}
