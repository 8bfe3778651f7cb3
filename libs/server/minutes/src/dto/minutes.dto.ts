import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptionalNotNull } from '@phonghop/server-core';
import { type FinalizeMinutesRequest, MINUTES_NUMBER_MAX_LENGTH, type SaveMinutesDraftRequest } from '@phonghop/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsString, IsUUID, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';

export class MinutesConclusionBody {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  itemId!: string;

  @ApiProperty({ nullable: true, example: '<p>Thống nhất với báo cáo; giao Sở Tài chính hoàn chỉnh trước ngày 10/01.</p>' })
  @ValidateIf((_, v) => v !== null)
  @IsString()
  conclusionHtml!: string | null;
}

export class SaveMinutesDraftBody implements SaveMinutesDraftRequest {
  // No length limit here: the service answers an oversized text with its own code, MINUTES_HTML_TOO_LARGE.
  @ApiProperty({ example: '<p>Thời gian bắt đầu: 08 giờ 00 phút, ngày 05 tháng 01 năm 2026.</p>' })
  @IsString()
  bodyHtml!: string;

  @ApiProperty({ example: '05/BB-UBND', description: 'Blank or "/BB-UBND" leaves the number for the clerk' })
  @IsString()
  @MaxLength(MINUTES_NUMBER_MAX_LENGTH)
  number!: string;

  @ApiPropertyOptional({ type: [MinutesConclusionBody] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => MinutesConclusionBody)
  items?: MinutesConclusionBody[];

  @ApiProperty({ minimum: 1, description: 'The version the edit was made on' })
  @IsInt()
  @Min(1)
  baseVersion!: number;

  @ApiProperty({ minimum: 0, description: 'The revision the edit was made on' })
  @IsInt()
  @Min(0)
  baseRevision!: number;
}

export class FinalizeMinutesBody implements FinalizeMinutesRequest {
  @ApiPropertyOptional({ minimum: 0, description: 'Refuse (MINUTES_CONFLICT) if the draft changed since this revision' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  baseRevision?: number;
}
