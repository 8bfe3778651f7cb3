import { Injectable, StreamableFile } from '@nestjs/common';
import type { MinutesKind } from '@phonghop/contracts';
import { untrustedFileHeaders } from '@phonghop/server-core';
import { contentDisposition } from '@phonghop/server-documents';
import type { AuthenticatedUser } from '@phonghop/server-identity';
import type { Response } from 'express';
import { MeetingFactsService } from '../facts/meeting-facts.service';
import { MinutesService } from '../minutes.service';
import { pdfFileName, pdfInputOf } from './minutes-document';
import { MinutesPdfRenderer } from './minutes-pdf-renderer';

/** A PDF the minutes domain hands out: minutes, conclusions, a vote's results, signed or not. */
export interface MinutesPdfFile {
  bytes: Uint8Array;
  /** UTF-8 file name and its ASCII form. */
  name: string;
  ascii: string;
  /** Not a draft: a final version, a closed vote's results, a frozen or signed file. */
  final: boolean;
}

/** The download answer for one: a final file may be kept by the browser (checked again each time), a draft never. */
export function pdfDownload(res: Response, file: MinutesPdfFile): StreamableFile {
  res.setHeader('Cache-Control', file.final ? 'private, no-cache' : 'private, no-store');
  untrustedFileHeaders(res);
  return new StreamableFile(file.bytes, {
    type: 'application/pdf',
    length: file.bytes.byteLength,
    disposition: contentDisposition(file.name, { attachment: true, asciiName: file.ascii }),
  });
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
