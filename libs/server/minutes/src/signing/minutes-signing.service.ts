import { Injectable } from '@nestjs/common';
import type { CreateSigningRequest, DocumentChainVerificationDto, SignedDocumentDto, SignedDocumentKind, SigningRequestDto } from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import type { AuthenticatedUser } from '@phonghop/server-identity';
import { MeetingsService } from '@phonghop/server-meetings';
import { type SignerIdentity, SignedDocumentsService, type SigningSubject, SigningRequestsService } from '@phonghop/server-signatures';
import { VotingService } from '@phonghop/server-voting';
import { MeetingFactsService } from '../facts/meeting-facts.service';
import { MinutesService } from '../minutes.service';
import { pdfInputOf } from '../render/minutes-document';
import type { MinutesPdfFile } from '../render/minutes-pdf.service';
import { MinutesPdfRenderer } from '../render/minutes-pdf-renderer';
import { voteResultPdfInput } from '../render/vote-result-document';

/** Whose signature areas each kind of document has (the empty fields its PDF carries). */
const SIGNER_ROLES: Record<SignedDocumentKind, string[]> = {
  minutes: ['secretary', 'chair'],
  conclusions: ['chair'],
  vote_result: ['secretary', 'chair'],
};
const ROLE_TITLE: Record<string, string> = { chair: 'Chủ tọa', secretary: 'Thư ký' };

/**
 * Signing the minutes domain's documents: final minutes and conclusions, and closed votes' results. Who may read
 * one is decided where it always is (MinutesService.readable, VotingService.result); who may sign is the chair or
 * a secretary of the meeting, each in their own signature area.
 */
@Injectable()
export class MinutesSigningService {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly minutes: MinutesService,
    private readonly voting: VotingService,
    private readonly facts: MeetingFactsService,
    private readonly renderer: MinutesPdfRenderer,
    private readonly signed: SignedDocumentsService,
    private readonly requests: SigningRequestsService,
  ) {}

  async state(meetingId: string, kind: SignedDocumentKind, ref: string, actor: AuthenticatedUser): Promise<SignedDocumentDto> {
    const subject = await this.subject(meetingId, kind, ref, actor);
    const open = await this.requests.openFor(subject);
    const names = await this.minutes.names(await this.signed.signerIds(subject));
    return this.signed.state(subject, names, open ? { id: open.id, expiresAt: open.expiresAt.toISOString(), signerRole: open.signerRole } : null);
  }

  /** The newest signed file (revision 0, the frozen print, when nobody signed yet). */
  async file(meetingId: string, kind: SignedDocumentKind, ref: string, actor: AuthenticatedUser): Promise<MinutesPdfFile> {
    const { row, bytes } = await this.signed.latest(await this.subject(meetingId, kind, ref, actor));
    const name = `${kind.replace('_', '-')}-${ref.slice(0, 8)}-signed-r${row.revision}.pdf`;
    return { bytes, name, ascii: name, final: true };
  }

  async signWithOrganisationKey(meetingId: string, kind: SignedDocumentKind, ref: string, actor: AuthenticatedUser): Promise<SignedDocumentDto> {
    const subject = await this.subject(meetingId, kind, ref, actor);
    await this.signed.signWithOrganisation(subject, await this.signer(meetingId, kind, actor));
    return this.state(meetingId, kind, ref, actor);
  }

  async requestPersonalSignature(meetingId: string, kind: SignedDocumentKind, ref: string, actor: AuthenticatedUser, body: CreateSigningRequest, baseUrl: string): Promise<SigningRequestDto> {
    const subject = await this.subject(meetingId, kind, ref, actor);
    return this.requests.create(subject, await this.signer(meetingId, kind, actor), baseUrl, body.certificate);
  }

  async verifyChain(meetingId: string, actor: AuthenticatedUser): Promise<DocumentChainVerificationDto> {
    await this.meetings.requirePresiding(meetingId, actor.id);
    return this.signed.verifyChain(meetingId);
  }

  /** The chair or a secretary, in a role this kind of document has a signature area for. */
  private async signer(meetingId: string, kind: SignedDocumentKind, actor: AuthenticatedUser): Promise<SignerIdentity> {
    const access = await this.meetings.requireAccess(meetingId, actor.id);
    if (!SIGNER_ROLES[kind].includes(access.meetingRole)) throw new ApiError('FORBIDDEN');
    const facts = await this.facts.gather(meetingId, actor);
    const me = facts.participants.find((p) => p.userId === actor.id && p.meetingRole === access.meetingRole);
    return {
      userId: actor.id,
      role: access.meetingRole,
      fullName: me?.fullName ?? actor.fullName,
      title: me?.title?.trim() || ROLE_TITLE[access.meetingRole],
      organisation: facts.unit?.name ?? facts.meeting.organiserUnitName ?? null,
    };
  }

  /** The document the caller may read, as a signing subject; a draft cannot be signed. */
  private async subject(meetingId: string, kind: SignedDocumentKind, ref: string, actor: AuthenticatedUser): Promise<SigningSubject> {
    if (kind === 'vote_result') {
      // The voting domain decides: participants read a closed vote's result; an open one answers VOTE_STILL_OPEN.
      const result = await this.voting.result(meetingId, actor, ref);
      return {
        meetingId,
        kind,
        subjectId: result.record.motionId,
        ref,
        render: async () => this.renderer.renderVoteResult(voteResultPdfInput(result, await this.facts.gather(meetingId, actor))),
      };
    }
    const version = Number(ref);
    if (!Number.isInteger(version) || version < 1) throw new ApiError('NOT_FOUND');
    const row = await this.minutes.readable(meetingId, kind, version, actor);
    if (row.status !== 'final') throw new ApiError('DOCUMENT_NOT_SIGNABLE');
    return { meetingId, kind, subjectId: row.id, ref, render: async () => this.renderer.render(pdfInputOf(row, await this.facts.gather(meetingId, actor))) };
  }
}
