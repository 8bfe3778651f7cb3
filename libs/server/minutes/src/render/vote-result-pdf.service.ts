import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@phonghop/server-identity';
import { SignedDocumentsService } from '@phonghop/server-signatures';
import { VotingService } from '@phonghop/server-voting';
import { MeetingFactsService } from '../facts/meeting-facts.service';
import type { MinutesPdfFile } from './minutes-pdf.service';
import { MinutesPdfRenderer } from './minutes-pdf-renderer';
import { voteResultFileName, voteResultPdfInput } from './vote-result-document';

/** A closed vote's results as a PDF in the minutes' layout, for the meeting's participants. */
@Injectable()
export class VoteResultPdfService {
  constructor(
    private readonly voting: VotingService,
    private readonly facts: MeetingFactsService,
    private readonly renderer: MinutesPdfRenderer,
    private readonly signed: SignedDocumentsService,
  ) {}

  /**
   * Printed from the sealed result with the meeting's current details, until it is frozen for signing: from then on
   * the newest frozen or signed revision, byte for byte, so a signed result is never printed differently again.
   */
  async pdf(meetingId: string, motionId: string, actor: AuthenticatedUser): Promise<MinutesPdfFile> {
    // The voting domain decides who may read a result (participants) and refuses one still open (VOTE_STILL_OPEN).
    const result = await this.voting.result(meetingId, actor, motionId);
    const name = voteResultFileName(result.record.spec.title);
    const frozen = await this.signed.newest('vote_result', result.record.motionId);
    if (frozen) return { bytes: frozen.bytes, ...name, final: true };
    const facts = await this.facts.gather(meetingId, actor);
    const bytes = await this.renderer.renderVoteResult(voteResultPdfInput(result, facts));
    return { bytes, ...name, final: true };
  }
}
