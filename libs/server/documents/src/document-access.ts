import { Injectable } from '@nestjs/common';
import { ApiError } from '@phonghop/server-core';
import { type AuthenticatedUser, hasAnyRole } from '@phonghop/server-identity';
import { MeetingsService } from '@phonghop/server-meetings';
import type { DocumentEntity } from './document.entities';

/** Who is looking at a meeting's documents, and with which rights. */
export interface DocumentViewer {
  userId: string;
  meetingId: string;
  /** A participant of the meeting (any meeting role). */
  participant: boolean;
  /** The meeting's secretary, or a system administrator: uploads, publishes, edits, sees everything. */
  canManage: boolean;
  /** The viewer's own id plus the people they represent as a proxy. */
  actsFor: string[];
}

/**
 * The access rules for documents, in one place.
 *
 * System administrators manage documents of every meeting (they stand in for an absent secretary) and so see
 * its `all` and `named` documents, but they do not read **confidential** documents of meetings they are not
 * participants of: the watermark names a participant, and an administrator reading secrets is exactly the leak
 * confidential marking exists to prevent. Everybody else needs to be a participant (MEETING_ACCESS_DENIED).
 */
@Injectable()
export class DocumentAccessPolicy {
  constructor(private readonly meetings: MeetingsService) {}

  async viewerOf(meetingId: string, user: AuthenticatedUser): Promise<DocumentViewer> {
    try {
      const a = await this.meetings.requireAccess(meetingId, user.id);
      const admin = hasAnyRole(user, ['admin']);
      return { userId: user.id, meetingId, participant: true, canManage: a.canManage || admin, actsFor: a.actsFor };
    } catch (err) {
      if (err instanceof ApiError && err.code === 'MEETING_ACCESS_DENIED' && hasAnyRole(user, ['admin'])) {
        return { userId: user.id, meetingId, participant: false, canManage: true, actsFor: [] };
      }
      throw err;
    }
  }

  requireManage(viewer: DocumentViewer): void {
    if (!viewer.canManage) throw new ApiError('FORBIDDEN');
  }

  /** Whether the document shows up for the viewer at all (listing, metadata, versions). */
  canSee(doc: DocumentEntity, viewer: DocumentViewer): boolean {
    if (viewer.canManage) return true;
    if (!doc.published) return false;
    if (doc.access === 'named') return (doc.namedUserIds ?? []).some((id) => viewer.actsFor.includes(id));
    return true;
  }

  /** Whether the viewer may read the content: file, page images, text, search hits. */
  canRead(doc: DocumentEntity, viewer: DocumentViewer): boolean {
    return this.canSee(doc, viewer) && (doc.access !== 'confidential' || viewer.participant);
  }

  requireSee(doc: DocumentEntity, viewer: DocumentViewer): void {
    // An invisible document does not exist for the viewer: no hint that a named paper is there.
    if (!this.canSee(doc, viewer)) throw new ApiError('DOCUMENT_NOT_FOUND');
  }

  requireRead(doc: DocumentEntity, viewer: DocumentViewer): void {
    this.requireSee(doc, viewer);
    if (!this.canRead(doc, viewer)) throw new ApiError('MEETING_ACCESS_DENIED');
  }

  /** Confidential files are served stamped with the viewer's name. */
  needsWatermark(doc: DocumentEntity): boolean {
    return doc.access === 'confidential';
  }
}
