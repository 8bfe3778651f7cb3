import { ApiProperty } from '@nestjs/swagger';
import type { CreateDisplayRequest } from '@phonghop/contracts';
import { IsString, Length } from 'class-validator';

export class CheckInBody {
  @ApiProperty({ description: 'The code from the display’s QR' })
  @IsString()
  @Length(1, 64)
  code!: string;
}

export class CreateDisplayBody implements CreateDisplayRequest {
  @ApiProperty({ example: 'Máy chiếu hội trường tầng 2' })
  @IsString()
  @Length(1, 120)
  label!: string;
}
