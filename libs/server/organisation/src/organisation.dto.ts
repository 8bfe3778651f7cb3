import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptionalNotNull } from '@phonghop/server-core';
import {
  type CreateSiteRequest,
  type CreateUnitRequest,
  UNIT_KINDS,
  type UnitKind,
  type UpdateSiteRequest,
  type UpdateUnitRequest,
} from '@phonghop/contracts';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';

const CODE_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

export class CreateUnitBody implements CreateUnitRequest {
  @ApiProperty({ nullable: true, format: 'uuid' })
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  parentId!: string | null;

  @ApiProperty({ example: 'H-VINHTUONG' })
  @Matches(CODE_PATTERN)
  code!: string;

  @ApiProperty({ example: 'Huyện Vĩnh Tường' })
  @IsString()
  @Length(2, 255)
  name!: string;

  @ApiProperty({ enum: UNIT_KINDS })
  @IsIn(UNIT_KINDS)
  kind!: UnitKind;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(100000)
  sortOrder?: number;
}

export class UpdateUnitBody implements UpdateUnitRequest {
  @ApiPropertyOptional({ nullable: true, format: 'uuid' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  parentId?: string | null;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @Matches(CODE_PATTERN)
  code?: string;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @Length(2, 255)
  name?: string;

  @ApiPropertyOptional({ enum: UNIT_KINDS })
  @IsOptionalNotNull()
  @IsIn(UNIT_KINDS)
  kind?: UnitKind;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(100000)
  sortOrder?: number;
}

export class CreateSiteBody implements CreateSiteRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  unitId!: string;

  @ApiProperty({ example: 'Điểm cầu UBND xã Tam Hợp' })
  @IsString()
  @Length(2, 255)
  name!: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  location?: string | null;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsBoolean()
  isHost?: boolean;
}

export class UpdateSiteBody implements UpdateSiteRequest {
  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @Length(2, 255)
  name?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  location?: string | null;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsBoolean()
  isHost?: boolean;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsBoolean()
  disabled?: boolean;
}
