import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { TrustAnchorsDto, TrustAnchorsRecheckDto } from '@phonghop/contracts';
import { RequireRoles } from '@phonghop/server-identity';
import { SignatureRechecks } from './signature-rechecks';
import { SignatureVerifier } from './signature-verifier.service';

/** The operator's trust anchors as the server reads them, and checking stored verdicts again after installing one. */
@ApiTags('signatures')
@Controller('admin/trust-anchors')
@RequireRoles('admin')
export class TrustAnchorsController {
  constructor(
    private readonly verifier: SignatureVerifier,
    private readonly rechecks: SignatureRechecks,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The CA certificates in SIGNATURE_TRUST_DIR, and files that could not be read (administrators).' })
  list(): Promise<TrustAnchorsDto> {
    return this.verifier.anchorsReport();
  }

  @Post('recheck')
  @HttpCode(200)
  @ApiOperation({ summary: 'Check uploads whose signer was unknown again against the anchors installed now (administrators).' })
  async recheck(): Promise<TrustAnchorsRecheckDto> {
    const anchors = (await this.verifier.anchorsReport()).anchors.length;
    return { anchors, ...(await this.rechecks.run('administrator')) };
  }
}
