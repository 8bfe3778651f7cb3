import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ClientSettingsDto } from '@phonghop/contracts';
import { Public } from '@phonghop/server-identity';

export const CLIENT_SETTINGS = Symbol('CLIENT_SETTINGS');

@ApiTags('settings')
@Controller('settings')
export class ClientSettingsController {
  constructor(@Inject(CLIENT_SETTINGS) private readonly settings: ClientSettingsDto) {}

  // Public: the sign-in page shows times too, and the values are no secret (the zone meetings are held in).
  @Public()
  @Get()
  @ApiOperation({ summary: 'Settings the web app needs: the time zone meeting times are shown in.' })
  get(): ClientSettingsDto {
    return this.settings;
  }
}
