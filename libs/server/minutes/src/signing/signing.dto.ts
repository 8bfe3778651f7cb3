import { ApiPropertyOptional } from '@nestjs/swagger';
import type { CreateSigningRequest } from '@phonghop/contracts';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class CreateSigningRequestBody implements CreateSigningRequest {
  @ApiPropertyOptional({ description: 'The signer’s certificate as the token holds it (PEM or base64 DER): the result must be signed with it.' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  certificate?: string;
}
