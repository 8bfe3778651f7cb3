import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptionalNotNull } from '@phonghop/server-core';
import {
  type CompleteUploadRequest,
  DOCUMENT_ACCESS,
  type DocumentAccess,
  MAX_DOCUMENT_BYTES,
  MAX_PUBLISH_BATCH,
  type PublishDocumentsRequest,
  SEARCH_MIN_LENGTH,
  type StartUploadRequest,
  type UpdateDocumentRequest,
} from '@phonghop/contracts';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';

/** Control characters and path separators never belong in a displayed file name. */
// eslint-disable-next-line no-control-regex
const FILE_NAME_CHARS = /^[^\\/\u0000-\u001f\u007f]*$/;

/**
 * Bidirectional marks, embeddings, overrides and isolates (U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069): they
 * reorder how a name is displayed, so `hoso\u202Efdp.exe` reads as `hosoexe.pdf`.
 */
export const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

/** NFC (one form for Vietnamese tone marks), runs of spaces of any kind collapsed to one, no leading/trailing blanks. */
export function normaliseFileName(name: string): string {
  return name.normalize('NFC').replace(/\p{Zs}+/gu, ' ').trim();
}

export class StartUploadBody implements StartUploadRequest {
  @ApiProperty({ example: 'Báo cáo kinh tế - xã hội quý IV.pdf', maxLength: 255 })
  @Transform(({ value }) => (typeof value === 'string' ? normaliseFileName(value) : value))
  @IsString()
  // Blank names and text-direction controls are refused by the service with FILE_NAME_INVALID.
  @MaxLength(255)
  @Matches(FILE_NAME_CHARS, { message: 'fileName must not contain slashes or control characters' })
  fileName!: string;

  @ApiProperty({ description: `Exact size in bytes (1…${MAX_DOCUMENT_BYTES}).`, example: 1048576 })
  // 0 and too large are answered by the service with FILE_EMPTY / FILE_TOO_LARGE; a negative size is a bad field.
  @IsInt()
  @Min(0)
  sizeBytes!: number;
}

export class ChunkQuery {
  @ApiProperty({ description: 'Where this chunk starts; must equal the receivedBytes the server reported.', example: 0 })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_DOCUMENT_BYTES)
  offset!: number;
}

export class CompleteUploadBody implements CompleteUploadRequest {
  @ApiProperty({ example: 'Báo cáo tình hình kinh tế - xã hội quý IV năm 2026', maxLength: 500 })
  @IsString()
  @Length(1, 500)
  title!: string;

  @ApiPropertyOptional({ nullable: true, format: 'uuid', description: 'Attach to an agenda item of the same meeting.' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  agendaItemId?: string | null;

  @ApiPropertyOptional({ enum: DOCUMENT_ACCESS, default: 'all' })
  @IsOptionalNotNull()
  @IsIn(DOCUMENT_ACCESS)
  access?: DocumentAccess;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Readers of a `named` document (participants).' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID(undefined, { each: true })
  namedUserIds?: string[];

  @ApiPropertyOptional({ nullable: true, format: 'uuid', description: 'Upload a new version of this document.' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  replacesDocumentId?: string | null;
}

export class UpdateDocumentBody implements UpdateDocumentRequest {
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptionalNotNull()
  @IsString()
  @Length(1, 500)
  title?: string;

  @ApiPropertyOptional({ enum: DOCUMENT_ACCESS })
  @IsOptionalNotNull()
  @IsIn(DOCUMENT_ACCESS)
  access?: DocumentAccess;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID(undefined, { each: true })
  namedUserIds?: string[];

  @ApiPropertyOptional({ nullable: true, format: 'uuid' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  agendaItemId?: string | null;
}

export class PublishDocumentsBody implements PublishDocumentsRequest {
  @ApiProperty({ type: [String], format: 'uuid', description: `The meeting's documents to publish together (1…${MAX_PUBLISH_BATCH}).` })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PUBLISH_BATCH)
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  documentIds!: string[];
}

export class SearchQuery {
  @ApiProperty({ minLength: SEARCH_MIN_LENGTH, maxLength: 200, example: 'ngan sach', description: 'Case and tone marks are ignored.' })
  @IsString()
  @Length(SEARCH_MIN_LENGTH, 200)
  q!: string;
}
