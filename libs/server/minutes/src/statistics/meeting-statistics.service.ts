import { Injectable } from '@nestjs/common';
import type { MeetingStatisticsDto } from '@phonghop/contracts';
import { DocumentsService } from '@phonghop/server-documents';
import type { AuthenticatedUser } from '@phonghop/server-identity';
import { MeetingsService } from '@phonghop/server-meetings';
import { MeetingFactsService } from '../facts/meeting-facts.service';
import { meetingStatistics } from './meeting-statistics';

/** The meeting's figures, for those who preside (the chair and the secretaries). */
@Injectable()
export class MeetingStatisticsService {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly facts: MeetingFactsService,
    private readonly documents: DocumentsService,
  ) {}

  async statistics(meetingId: string, actor: AuthenticatedUser): Promise<MeetingStatisticsDto> {
    await this.meetings.requirePresiding(meetingId, actor.id);
    const [facts, documents] = await Promise.all([this.facts.gather(meetingId, actor), this.documents.distributionOf(meetingId)]);
    return meetingStatistics(facts, documents, new Date());
  }
}
