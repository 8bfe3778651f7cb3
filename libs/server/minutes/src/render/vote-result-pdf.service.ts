import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@phonghop/server-identity';
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
  ) {}

  async pdf(meetingId: string, motionId: string, actor: AuthenticatedUser): Promise<Omit<MinutesPdfFile, 'final'>> {
    // The voting domain decides who may read a result (participants) and refuses one still open (VOTE_STILL_OPEN).
    const result = await this.voting.result(meetingId, actor, motionId);
    const facts = await this.facts.gather(meetingId, actor);
    const bytes = await this.renderer.renderVoteResult(voteResultPdfInput(result, facts));
    return { bytes, ...voteResultFileName(result.record.spec.title) };
  }
}
