import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptionalNotNull } from '@phonghop/server-core';
import {
  type AddParticipantsRequest,
  CONFIDENTIALITY_LEVELS,
  type CancelMeetingRequest,
  type ConfidentialityLevel,
  type CreateAgendaItemRequest,
  type CreateMeetingRequest,
  MEETING_KINDS,
  MEETING_ROLES,
  type MeetingKind,
  type MeetingRole,
  type ReorderAgendaRequest,
  type UpdateAgendaItemRequest,
  type UpdateParticipantRequest,
} from '@phonghop/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

export class CreateMeetingBody implements CreateMeetingRequest {
  @ApiProperty({ example: 'Phiên họp thường kỳ tháng 1/2027' })
  @IsString()
  @Length(3, 500)
  title!: string;

  @ApiProperty({ enum: MEETING_KINDS })
  @IsIn(MEETING_KINDS)
  kind!: MeetingKind;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true })
  startsAt!: string;

  @ApiPropertyOptional({ format: 'date-time', nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true })
  endsAt?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  location?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string | null;

  @ApiPropertyOptional({ nullable: true, format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organiserUnitId?: string | null;

  @ApiPropertyOptional({ enum: CONFIDENTIALITY_LEVELS })
  @IsOptionalNotNull()
  @IsIn(CONFIDENTIALITY_LEVELS)
  confidentiality?: ConfidentialityLevel;

  @ApiPropertyOptional({ type: [String] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  participatingUnitIds?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  participatingSiteIds?: string[];

  @ApiPropertyOptional({ nullable: true, format: 'uuid', description: 'The upper-level server’s meeting this conference links to' })
  @IsOptional()
  @IsUUID()
  upperMeetingId?: string | null;
}

/** Every field optional; the same rules as creating. */
export class UpdateMeetingBody extends CreateMeetingBody {
  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @Length(3, 500)
  declare title: string;

  @ApiPropertyOptional({ enum: MEETING_KINDS })
  @IsOptionalNotNull()
  @IsIn(MEETING_KINDS)
  declare kind: MeetingKind;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptionalNotNull()
  @IsISO8601({ strict: true })
  declare startsAt: string;
}

export class CancelMeetingBody implements CancelMeetingRequest {
  @ApiProperty({ example: 'Lùi lịch do trùng hội nghị của Trung ương' })
  @IsString()
  @Length(3, 1000)
  reason!: string;
}

export class AddParticipantsBody implements AddParticipantsRequest {
  @ApiProperty({ enum: MEETING_ROLES })
  @IsIn(MEETING_ROLES)
  meetingRole!: MeetingRole;

  @ApiPropertyOptional({ type: [String] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(2000)
  @IsUUID('all', { each: true })
  userIds?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  unitIds?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  siteIds?: string[];
}

export class UpdateParticipantBody implements UpdateParticipantRequest {
  @ApiProperty({ enum: MEETING_ROLES })
  @IsIn(MEETING_ROLES)
  meetingRole!: MeetingRole;
}

/** RSVP as one class: the union of the contract is checked field by field. */
export class RsvpBody {
  @ApiProperty({ enum: ['attend', 'decline', 'delegate'] })
  @IsIn(['attend', 'decline', 'delegate'])
  response!: 'attend' | 'decline' | 'delegate';

  @ApiPropertyOptional()
  @ValidateIf((o: RsvpBody) => o.response === 'decline' || o.reason !== undefined)
  @IsString()
  @Length(3, 1000)
  reason?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @ValidateIf((o: RsvpBody) => o.response === 'delegate')
  @IsUUID()
  delegateUserId?: string;
}

export class CreateAgendaItemBody implements CreateAgendaItemRequest {
  @ApiProperty({ example: 'Báo cáo tình hình kinh tế - xã hội tháng 12' })
  @IsString()
  @Length(2, 500)
  title!: string;

  @ApiPropertyOptional({ nullable: true, format: 'uuid' })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string | null;

  @ApiPropertyOptional({ nullable: true, example: 'Giám đốc Sở Kế hoạch và Đầu tư' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  presenter?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  plannedMinutes?: number | null;
}

export class UpdateAgendaItemBody implements UpdateAgendaItemRequest {
  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @Length(2, 500)
  title?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  presenter?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  plannedMinutes?: number | null;
}

class AgendaPositionBody {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;

  @ApiProperty({ nullable: true, format: 'uuid' })
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  parentId!: string | null;

  @ApiProperty()
  @IsInt()
  @Min(0)
  @Max(10000)
  position!: number;
}

export class ReorderAgendaBody implements ReorderAgendaRequest {
  @ApiProperty({ type: [AgendaPositionBody] })
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => AgendaPositionBody)
  items!: AgendaPositionBody[];
}
