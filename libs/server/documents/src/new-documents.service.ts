import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { NewDocumentsCountDto } from '@phonghop/contracts';
import { MeetingsService } from '@phonghop/server-meetings';
import { In, Repository } from 'typeorm';
import { DocumentAccessPolicy } from './document-access';
import { DocumentEntity, DocumentReceiptEntity } from './document.entities';
import { DocumentsService } from './documents.service';

/**
 * "Tài liệu mới" badges of the home page: for every meeting on the caller's home list, how many published documents
 * they may see have a current version they have not opened. Four reads whatever the number of meetings, so the
 * home page asks once per load, never once per meeting.
 */
@Injectable()
export class NewDocumentsService {
  constructor(
    @InjectRepository(DocumentEntity) private readonly documents: Repository<DocumentEntity>,
    @InjectRepository(DocumentReceiptEntity) private readonly receipts: Repository<DocumentReceiptEntity>,
    private readonly meetings: MeetingsService,
    private readonly docs: DocumentsService,
    private readonly policy: DocumentAccessPolicy,
  ) {}

  async countsOfMine(userId: string): Promise<NewDocumentsCountDto[]> {
    // The meetings domain says which meetings are the caller's and with which rights; this domain reads only its own tables.
    const accesses = await this.meetings.accessesOfMine(userId);
    if (!accesses.length) return [];
    const access = new Map(accesses.map((a) => [a.meetingId, a]));
    const published = await this.documents.find({ where: { meetingId: In([...access.keys()]), published: true } });
    const visible = published.filter((d) => {
      const a = access.get(d.meetingId);
      return !!a && this.policy.canSee(d, { userId, meetingId: d.meetingId, participant: true, canManage: a.canManage, actsFor: a.actsFor });
    });
    const current = await this.docs.currentVersions(visible);
    const versionIds = [...current.values()].map((v) => v.id);
    const opened = new Set(
      (versionIds.length ? await this.receipts.find({ where: { userId, versionId: In(versionIds) } }) : []).filter((r) => r.openedAt).map((r) => r.versionId),
    );
    const count = new Map<string, number>();
    for (const d of visible) {
      const v = current.get(d.id);
      // One's own upload is not news to oneself (the secretary who distributed it).
      if (!v || opened.has(v.id) || v.uploadedById === userId) continue;
      count.set(d.meetingId, (count.get(d.meetingId) ?? 0) + 1);
    }
    return accesses.map((a) => ({ meetingId: a.meetingId, count: count.get(a.meetingId) ?? 0 }));
  }
}
