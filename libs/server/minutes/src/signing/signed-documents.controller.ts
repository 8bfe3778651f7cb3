import { Body, Controller, Get, HttpCode, Injectable, Param, ParseUUIDPipe, type PipeTransform, Post, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type DocumentChainVerificationDto, SIGNED_DOCUMENT_KINDS, type SignedDocumentDto, type SignedDocumentKind, type SigningRequestDto } from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import { type AuthenticatedUser, CurrentUser } from '@phonghop/server-identity';
import type { Request, Response } from 'express';
import { pdfDownload } from '../render/minutes-pdf.service';
import { CreateSigningRequestBody } from './signing.dto';
import { MinutesSigningService } from './minutes-signing.service';

@Injectable()
class SignedKindPipe implements PipeTransform<string, SignedDocumentKind> {
  transform(value: string): SignedDocumentKind {
    if (!(SIGNED_DOCUMENT_KINDS as readonly string[]).includes(value)) throw new ApiError('NOT_FOUND');
    return value as SignedDocumentKind;
  }
}

/** A minutes version number or a motion id: digits or a UUID, nothing else reaches the services. */
@Injectable()
class SignedRefPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^(\d{1,6}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.test(value)) throw new ApiError('NOT_FOUND');
    return value.toLowerCase();
  }
}

/**
 * Signed minutes, conclusions and vote results: `:kind` is minutes | conclusions | vote_result, `:ref` the version
 * number or the motion id.
 */
@ApiTags('signatures')
@Controller('meetings/:meetingId')
export class SignedDocumentsController {
  constructor(private readonly signing: MinutesSigningService) {}

  @Get('signed/:kind/:ref')
  @ApiOperation({ summary: 'Its signatures: revisions (who signed, when, hash and chain link) and the latest checked now.' })
  state(@CurrentUser() user: AuthenticatedUser, @Param('meetingId', ParseUUIDPipe) meetingId: string, @Param('kind', SignedKindPipe) kind: SignedDocumentKind, @Param('ref', SignedRefPipe) ref: string): Promise<SignedDocumentDto> {
    return this.signing.state(meetingId, kind, ref, user);
  }

  @Get('signed/:kind/:ref/pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'The signed PDF (the latest revision), byte for byte as signed.' })
  async pdf(
    @CurrentUser() user: AuthenticatedUser,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @Param('kind', SignedKindPipe) kind: SignedDocumentKind,
    @Param('ref', SignedRefPipe) ref: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return pdfDownload(res, await this.signing.file(meetingId, kind, ref, user));
  }

  @Post('signed/:kind/:ref/sign')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign with the organisation key in the caller’s signature area (chair or secretary).' })
  sign(@CurrentUser() user: AuthenticatedUser, @Param('meetingId', ParseUUIDPipe) meetingId: string, @Param('kind', SignedKindPipe) kind: SignedDocumentKind, @Param('ref', SignedRefPipe) ref: string): Promise<SignedDocumentDto> {
    return this.signing.signWithOrganisationKey(meetingId, kind, ref, user);
  }

  @Post('signed/:kind/:ref/requests')
  @ApiOperation({ summary: 'One-time links for signing with one’s own token through the desktop signing tool.' })
  request(
    @CurrentUser() user: AuthenticatedUser,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @Param('kind', SignedKindPipe) kind: SignedDocumentKind,
    @Param('ref', SignedRefPipe) ref: string,
    @Body() body: CreateSigningRequestBody,
    @Req() req: Request,
  ): Promise<SigningRequestDto> {
    return this.signing.requestPersonalSignature(meetingId, kind, ref, user, body ?? {}, `${req.protocol}://${req.get('host')}`);
  }

  @Get('document-chain')
  @ApiOperation({ summary: 'Check the meeting’s chain of signed documents (chair and secretaries).' })
  chain(@CurrentUser() user: AuthenticatedUser, @Param('meetingId', ParseUUIDPipe) meetingId: string): Promise<DocumentChainVerificationDto> {
    return this.signing.verifyChain(meetingId, user);
  }
}
