import { Controller, Get, Headers, HttpCode, Param, Post, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ApiErrorBody, SigningHashDto, VgcaUploadResult } from '@phonghop/contracts';
import { ApiError, untrustedFileHeaders } from '@phonghop/server-core';
import { Public } from '@phonghop/server-identity';
import type { Request, Response } from 'express';
import { SigningRequestsService } from './signing-requests.service';
import { multipartFile, vgcaRefused, vgcaTaken } from './vgca';

/** The largest signed result taken back: the document plus its signatures (a CMS alone is far smaller). */
const MAX_RESULT_BYTES = 210 * 1024 * 1024;

/**
 * The desktop signing tool's side of a person's signing: no session cookie, the one-time secret in the path is
 * the authorisation (it is bound to one document revision and one signer, and stops working once used).
 */
@ApiTags('signatures')
@Public()
@Controller('signing/:token')
export class SigningLinksController {
  constructor(private readonly requests: SigningRequestsService) {}

  @Get('document')
  @ApiOperation({ summary: 'The PDF to sign, as handed out.' })
  async document(@Param('token') token: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const bytes = await this.requests.document(token);
    res.setHeader('Cache-Control', 'no-store');
    untrustedFileHeaders(res);
    return new StreamableFile(bytes, { type: 'application/pdf', length: bytes.length });
  }

  @Get('content')
  @ApiOperation({ summary: 'The exact bytes a detached CMS signature must cover (the prepared signature field).' })
  async content(@Param('token') token: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const bytes = await this.requests.content(token);
    res.setHeader('Cache-Control', 'no-store');
    untrustedFileHeaders(res);
    return new StreamableFile(bytes, { type: 'application/octet-stream', length: bytes.length });
  }

  @Get('hash')
  @ApiOperation({ summary: 'The SHA-256 of those bytes, for tools that sign a hash.' })
  hash(@Param('token') token: string, @Req() req: Request): Promise<SigningHashDto> {
    return this.requests.hash(token, `${req.protocol}://${req.get('host')}`);
  }

  @Post('signed')
  @HttpCode(201)
  @ApiOperation({ summary: 'The result: a signed PDF (application/pdf) or a CMS (application/pkcs7-signature). Verified before it is kept.' })
  async signed(@Param('token') token: string, @Req() req: Request, @Headers('content-type') contentType = ''): Promise<{ ok: true }> {
    await this.requests.accept(token, await readBody(req), contentType);
    return { ok: true };
  }

  /**
   * The FileUploadHandler given to the VGCA Sign Service: the signed PDF as multipart/form-data (file field
   * `uploadfile`; a bare PDF body is taken too), verified like any result. The tool reads the JSON answer, so a
   * refusal is a 200 with Status 1, the reason in Message and phonghop's code in Code.
   */
  @Post('vgca')
  @HttpCode(200)
  @ApiOperation({ summary: 'FileUploadHandler for the VGCA Sign Service: multipart `uploadfile`; answers {Status, Message, FileName, FileServer}.' })
  async vgca(@Param('token') token: string, @Req() req: Request, @Headers('content-type') contentType = ''): Promise<VgcaUploadResult> {
    try {
      const body = await readBody(req);
      const file = /^multipart\//i.test(contentType) ? multipartFile(body, contentType, 'uploadfile') : { fileName: 'signed.pdf', contentType, bytes: body };
      if (!file) throw new ApiError('VALIDATION_FAILED', [{ field: 'uploadfile', problem: 'no file in the form' }]);
      await this.requests.accept(token, file.bytes, file.contentType);
      return vgcaTaken(file.fileName);
    } catch (err) {
      if (err instanceof ApiError) return vgcaRefused(err.getResponse() as ApiErrorBody);
      throw err;
    }
  }
}

/** The raw body (the app's JSON parser leaves binary types alone). */
async function readBody(req: Request): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_RESULT_BYTES) throw new ApiError('BODY_TOO_LARGE');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
