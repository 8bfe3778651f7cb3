import { Injectable } from '@nestjs/common';
import type { MinutesKind } from '@phonghop/contracts';
import type { AuthenticatedUser } from '@phonghop/server-identity';
import { MeetingFactsService } from '../facts/meeting-facts.service';
import { MinutesService } from '../minutes.service';
import { pdfFileName, pdfInputOf } from './minutes-document';
import { MinutesPdfRenderer } from './minutes-pdf-renderer';

export interface MinutesPdfFile {
  bytes: Uint8Array;
  /** UTF-8 file name and its ASCII form. */
  name: string;
  ascii: string;
  final: boolean;
}

/** One version as a PDF in the Decree 30/2020 layout, for whoever may read that version. */
@Injectable()
export class MinutesPdfService {
  constructor(
    private readonly minutes: MinutesService,
    private readonly facts: MeetingFactsService,
    private readonly renderer: MinutesPdfRenderer,
  ) {}

  async pdf(meetingId: string, kind: MinutesKind, version: number, actor: AuthenticatedUser): Promise<MinutesPdfFile> {
    const row = await this.minutes.readable(meetingId, kind, version, actor);
    const facts = await this.facts.gather(meetingId, actor);
    const bytes = await this.renderer.render(pdfInputOf(row, facts));
    return { bytes, ...pdfFileName(row, facts.meeting.title), final: row.status === 'final' };
  }
}
