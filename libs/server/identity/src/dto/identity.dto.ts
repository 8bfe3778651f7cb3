import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptionalNotNull } from '@phonghop/server-core';
import {
  type ChangePasswordRequest,
  type CreateUserRequest,
  type LoginRequest,
  PASSWORD_MIN_LENGTH,
  ROLES,
  type ResetPasswordRequest,
  type Role,
  type UpdateUserRequest,
  type UserListQuery,
} from '@phonghop/contracts';
import { Transform } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';

export class LoginBody implements LoginRequest {
  @ApiProperty({ example: 'thuky' })
  @IsString()
  @Length(1, 64)
  username!: string;

  @ApiProperty({ format: 'password' })
  @IsString()
  @Length(1, 256)
  password!: string;
}

export class ChangePasswordBody implements ChangePasswordRequest {
  @ApiProperty({ format: 'password' })
  @IsString()
  @Length(1, 256)
  currentPassword!: string;

  @ApiProperty({ format: 'password', minLength: PASSWORD_MIN_LENGTH })
  @IsString()
  @Length(1, 256)
  newPassword!: string;
}

export class ResetPasswordBody implements ResetPasswordRequest {
  @ApiProperty({ format: 'password', minLength: PASSWORD_MIN_LENGTH })
  @IsString()
  @Length(1, 256)
  newPassword!: string;
}

class UserFieldsBody {
  @ApiPropertyOptional({ nullable: true, example: 'Chánh Văn phòng UBND tỉnh' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  title?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsEmail()
  @MaxLength(255)
  email?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Matches(/^[0-9 +().-]{6,32}$/)
  phone?: string | null;

  @ApiPropertyOptional({ nullable: true, format: 'uuid' })
  @IsOptional()
  @IsUUID()
  unitId?: string | null;

  @ApiPropertyOptional({ nullable: true, format: 'uuid' })
  @IsOptional()
  @IsUUID()
  siteId?: string | null;
}

export class CreateUserBody extends UserFieldsBody implements CreateUserRequest {
  @ApiProperty({ example: 'nguyen.van.a', pattern: '^[a-z0-9._-]{3,64}$' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @Matches(/^[a-z0-9._-]{3,64}$/)
  username!: string;

  @ApiProperty({ example: 'Nguyễn Văn A' })
  @IsString()
  @Length(2, 255)
  fullName!: string;

  @ApiProperty({ format: 'password', minLength: PASSWORD_MIN_LENGTH })
  @IsString()
  @Length(1, 256)
  password!: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(ROLES, { each: true })
  roles!: Role[];
}

export class UpdateUserBody extends UserFieldsBody implements UpdateUserRequest {
  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @Length(2, 255)
  fullName?: string;

  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(ROLES, { each: true })
  roles?: Role[];

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsBoolean()
  disabled?: boolean;
}

export class UserListQueryParams implements UserListQuery {
  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(100)
  search?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptionalNotNull()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptionalNotNull()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  // true/1 and false/0 only: anything else stays as sent and fails @IsBoolean (VALIDATION_FAILED).
  @Transform(({ value }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value))
  @IsBoolean()
  includeDisabled?: boolean;
}
