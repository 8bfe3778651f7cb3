import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  ANNOTATION_OPS_MAX,
  type AnnotationDto,
  type AnnotationKind,
  type AnnotationOp,
  type AnnotationOpResult,
  type AnnotationTarget,
  type AnnotationVisibility,
  type ErrorCode,
  type RosterEntry,
  errorBody,
} from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import { DocumentAccessPolicy, type DocumentEntity, DocumentFilesService, DocumentsService, type DocumentViewer } from '@phonghop/server-documents';
import type { AuthenticatedUser } from '@phonghop/server-identity';
import { ParticipantsService } from '@phonghop/server-meetings';
import { UserNotifier } from '@phonghop/server-realtime';
import { randomUUID } from 'node:crypto';
import { fieldsProblem, opShapeProblem, targetProblem } from './annotation-input';
import { AnnotationEntity } from './annotation.entity';
import { AnnotationStore } from './annotation.store';
import { NOTE_FONT_PATH } from './render/annotated-pdf';
import { Reanchoring } from './reanchor/reanchoring';
import { AnnotatedPdfRenderer } from './render/annotated-pdf.renderer';

interface Opened {
  doc: DocumentEntity;
  viewer: DocumentViewer;
  pageCount: number;
}

/** A change to announce: to whom it was visible before and after it. */
interface Change {
  doc: DocumentEntity;
  row: AnnotationEntity;
  before: Set<string>;
}

/**
 * Annotations: ops from devices applied exactly once (the op log), each by its owner only and on documents they may
 * read; what changed is pushed to every device of the people who can see it (the owner's others; those it is
 * shared with), and to nobody else: a private annotation never leaves its owner's devices.
 */
@Injectable()
export class AnnotationsService implements OnModuleInit {
  constructor(
    private readonly store: AnnotationStore,
    private readonly documents: DocumentsService,
    private readonly policy: DocumentAccessPolicy,
    private readonly participants: ParticipantsService,
    private readonly notifier: UserNotifier,
    private readonly files: DocumentFilesService,
    private readonly renderer: AnnotatedPdfRenderer,
    private readonly reanchoring: Reanchoring,
  ) {}

  onModuleInit(): void {
    // Annotations carried to a new version appear on their owners' devices (and those they were shared with).
    this.reanchoring.onCarried((documentId, _version, rows) => {
      void this.documents
        .byId(documentId)
        .then((doc) => this.announce(rows.map((row) => ({ doc, row, before: new Set<string>() }))))
        .catch(() => undefined);
    });
  }

  /**
   * "Download with my notes": the file as this person is served it (stamped with their name when confidential), with
   * their own annotations drawn into its pages.
   */
  async annotatedPdf(documentId: string, version: number, user: AuthenticatedUser): Promise<{ bytes: Uint8Array; fileName: string }> {
    await this.open(documentId, version, user);
    const served = await this.files.file(documentId, version, user, 'read');
    const mine = (await this.store.onVersion(documentId, version)).filter((a) => a.ownerId === user.id);
    const bytes = await this.renderer.render({
      pdfPath: served.path,
      fontPath: NOTE_FONT_PATH,
      annotations: mine.map((a) => ({ kind: a.kind, target: JSON.parse(a.target) as AnnotationTarget, color: a.color, body: a.body })),
    });
    return { bytes, fileName: served.fileName.replace(/\.pdf$/i, '') + ' (ghi chú).pdf' };
  }

  async list(documentId: string, version: number, user: AuthenticatedUser): Promise<AnnotationDto[]> {
    const { doc } = await this.open(documentId, version, user);
    const rows = (await this.store.onVersion(documentId, version)).filter((a) => this.visibleTo(a, user.id));
    const names = await this.names(doc.meetingId);
    return rows.map((r) => toDto(r, names));
  }

  async apply(user: AuthenticatedUser, ops: unknown): Promise<AnnotationOpResult[]> {
    if (!Array.isArray(ops) || ops.length === 0 || ops.length > ANNOTATION_OPS_MAX) throw new ApiError('VALIDATION_FAILED', [{ field: 'ops', problem: `1–${ANNOTATION_OPS_MAX} ops` }]);
    const results: AnnotationOpResult[] = [];
    const changes: Change[] = [];
    // In order: a device's ops depend on each other (create, then update).
    for (const op of ops as AnnotationOp[]) results.push(await this.applyOne(user, op, changes));
    await this.announce(changes);
    return results;
  }

  // ── one op ─────────────────────────────────────────────────────────────────────────────────────────

  private async applyOne(user: AuthenticatedUser, op: AnnotationOp, changes: Change[]): Promise<AnnotationOpResult> {
    const shape = opShapeProblem(op);
    if (shape) return rejected(typeof (op as { opId?: unknown })?.opId === 'string' ? String((op as { opId: string }).opId) : '', 'ANNOTATION_INVALID', shape);
    const logged = await this.store.loggedOp(user.id, op.opId);
    if (logged) return this.answerFromLog(user, op.opId, logged.status, logged.annotationId, logged.error);
    try {
      return await this.change(user, op, changes);
    } catch (err) {
      if (err instanceof ApiError) {
        await this.store.logRejection(user.id, op.opId, err.code).catch(() => undefined);
        return rejected(op.opId, err.code, err.details?.[0]?.problem);
      }
      // The same op delivered twice at once: the other delivery logged it first.
      const again = await this.store.loggedOp(user.id, op.opId);
      if (again) return this.answerFromLog(user, op.opId, again.status, again.annotationId, again.error);
      throw err;
    }
  }

  private async change(user: AuthenticatedUser, op: AnnotationOp, changes: Change[]): Promise<AnnotationOpResult> {
    if (op.type === 'create') {
      const a = op.annotation;
      const opened = await this.open(a.documentId, a.version, user);
      const problem = targetProblem(a.target, opened.pageCount) ?? fieldsProblem({ color: a.color, body: a.body }, opened.pageCount);
      if (problem) throw new ApiError('ANNOTATION_INVALID', [{ field: 'annotation', problem }]);
      if (await this.store.annotation(a.id)) throw new ApiError('ANNOTATION_ID_TAKEN');
      const row = await this.store.logged(user.id, op.opId, async (tx) => {
        const created = tx.getRepository(AnnotationEntity).create({
          id: a.id.toLowerCase(),
          documentId: opened.doc.id,
          version: a.version,
          meetingId: opened.doc.meetingId,
          ownerId: user.id,
          kind: a.kind,
          target: JSON.stringify(a.target),
          color: a.color,
          body: a.body,
          visibility: 'private',
          sharedWith: '[]',
          revision: 1,
          conflictOf: null,
          anchoring: null,
          deleted: false,
        });
        await tx.getRepository(AnnotationEntity).insert(created);
        return { status: 'applied', annotationId: created.id, value: await tx.getRepository(AnnotationEntity).findOneByOrFail({ id: created.id }) };
      });
      changes.push({ doc: opened.doc, row, before: new Set() });
      return this.result(op.opId, 'applied', opened.doc, row);
    }

    const current = await this.store.annotation(op.annotationId.toLowerCase());
    if (!current || current.deleted) throw new ApiError('ANNOTATION_NOT_FOUND');
    const opened = await this.open(current.documentId, current.version, user);
    if (current.ownerId !== user.id) throw new ApiError(this.visibleTo(current, user.id) ? 'ANNOTATION_NOT_OWNER' : 'ANNOTATION_NOT_FOUND');
    const before = await this.audience(opened.doc, current);
    const repo = (tx: Parameters<Parameters<AnnotationStore['logged']>[2]>[0]) => tx.getRepository(AnnotationEntity);

    if (op.type === 'update') {
      const problem = fieldsProblem(op.fields, opened.pageCount);
      if (problem) throw new ApiError('ANNOTATION_INVALID', [{ field: 'fields', problem }]);
      const fields = {
        ...(op.fields.target !== undefined ? { target: JSON.stringify(op.fields.target) } : {}),
        ...(op.fields.color !== undefined ? { color: op.fields.color } : {}),
        ...(op.fields.body !== undefined ? { body: op.fields.body } : {}),
      };
      const { status, row } = await this.store.logged<{ status: 'applied' | 'conflict_copy'; row: AnnotationEntity }>(user.id, op.opId, async (tx) => {
        const fresh = await repo(tx).findOneByOrFail({ id: current.id });
        if (fresh.deleted) throw new ApiError('ANNOTATION_NOT_FOUND');
        if (fresh.revision !== op.baseRevision) {
          // Changed on another device since this edit began: both are kept, this one as a copy beside it.
          const copy = repo(tx).create({ ...fresh, ...fields, id: randomUUID(), revision: 1, conflictOf: fresh.id, visibility: 'private', sharedWith: '[]' });
          await repo(tx).insert(copy);
          return { status: 'conflict_copy' as const, annotationId: copy.id, value: { status: 'conflict_copy' as const, row: await repo(tx).findOneByOrFail({ id: copy.id }) } };
        }
        await repo(tx).update({ id: fresh.id, revision: fresh.revision }, { ...fields, revision: fresh.revision + 1 });
        return { status: 'applied' as const, annotationId: fresh.id, value: { status: 'applied' as const, row: await repo(tx).findOneByOrFail({ id: fresh.id }) } };
      });
      changes.push({ doc: opened.doc, row, before: status === 'applied' ? before : new Set() });
      return this.result(op.opId, status, opened.doc, row);
    }

    if (op.type === 'delete') {
      const row = await this.store.logged(user.id, op.opId, async (tx) => {
        await repo(tx).update({ id: current.id }, { deleted: true, revision: current.revision + 1 });
        return { status: 'applied', annotationId: current.id, value: await repo(tx).findOneByOrFail({ id: current.id }) };
      });
      changes.push({ doc: opened.doc, row, before });
      return { opId: op.opId, status: 'applied', annotation: null };
    }

    // share
    const sharedWith = op.visibility === 'named' ? await this.checkRecipients(opened.doc, op.sharedWith, user.id) : [];
    const row = await this.store.logged(user.id, op.opId, async (tx) => {
      await repo(tx).update({ id: current.id }, { visibility: op.visibility, sharedWith: JSON.stringify(sharedWith), revision: current.revision + 1 });
      return { status: 'applied', annotationId: current.id, value: await repo(tx).findOneByOrFail({ id: current.id }) };
    });
    changes.push({ doc: opened.doc, row, before });
    return this.result(op.opId, 'applied', opened.doc, row);
  }

  // ── reading and announcing ─────────────────────────────────────────────────────────────────────────

  private async answerFromLog(user: AuthenticatedUser, opId: string, status: string, annotationId: string | null, error: string | null): Promise<AnnotationOpResult> {
    if (status === 'rejected') return rejected(opId, (error ?? 'ANNOTATION_INVALID') as ErrorCode);
    const row = annotationId ? await this.store.annotation(annotationId) : null;
    if (!row || row.deleted || !this.visibleTo(row, user.id)) return { opId, status: 'duplicate', annotation: null };
    return { opId, status: 'duplicate', annotation: toDto(row, await this.names(row.meetingId)) };
  }

  private async result(opId: string, status: 'applied' | 'conflict_copy', doc: DocumentEntity, row: AnnotationEntity): Promise<AnnotationOpResult> {
    return { opId, status, annotation: toDto(row, await this.names(doc.meetingId)) };
  }

  /** Pushes each change to the devices of those who see it now, and a removal to those who saw it before only. */
  private async announce(changes: Change[]): Promise<void> {
    for (const { doc, row, before } of changes) {
      const now = row.deleted ? new Set<string>() : await this.audience(doc, row);
      const names = await this.names(doc.meetingId);
      const base = { documentId: row.documentId, version: row.version };
      const seeing = [...now, row.ownerId].filter((id, i, all) => all.indexOf(id) === i);
      if (!row.deleted) this.notifier.notify(seeing, 'annotations:changed', { ...base, changed: [toDto(row, names)], removed: [] });
      const gone = [...before, row.ownerId].filter((id) => !now.has(id) && (row.deleted || id !== row.ownerId));
      if (gone.length) this.notifier.notify([...new Set(gone)], 'annotations:changed', { ...base, changed: [], removed: [row.id] });
    }
  }

  /** Who besides the owner sees an annotation: the participants it is shared with who may read the document. */
  private async audience(doc: DocumentEntity, row: AnnotationEntity): Promise<Set<string>> {
    if (row.visibility === 'private') return new Set();
    const roster = await this.participants.roster(doc.meetingId);
    const named = new Set(JSON.parse(row.sharedWith) as string[]);
    return new Set(
      roster
        .filter((r) => r.userId !== row.ownerId && (row.visibility === 'meeting' || named.has(r.userId)) && this.policy.canRead(doc, viewerOf(doc, r)))
        .map((r) => r.userId),
    );
  }

  private visibleTo(row: AnnotationEntity, userId: string): boolean {
    if (row.ownerId === userId) return true;
    if (row.visibility === 'meeting') return true;
    return row.visibility === 'named' && (JSON.parse(row.sharedWith) as string[]).includes(userId);
  }

  /** Named sharing: participants of the meeting who may read the document (not the owner). */
  private async checkRecipients(doc: DocumentEntity, userIds: string[], ownerId: string): Promise<string[]> {
    const roster = new Map((await this.participants.roster(doc.meetingId)).map((r) => [r.userId, r]));
    const wanted = [...new Set(userIds.map((id) => id.toLowerCase()))].filter((id) => id !== ownerId);
    const bad = wanted.filter((id) => {
      const r = roster.get(id);
      return !r || !this.policy.canRead(doc, viewerOf(doc, r));
    });
    if (bad.length) throw new ApiError('ANNOTATION_INVALID', [{ field: 'sharedWith', problem: 'participants of the meeting who may read this document' }]);
    return wanted.sort();
  }

  /** The document and version, readable by the user (DOCUMENT_NOT_FOUND / MEETING_ACCESS_DENIED otherwise). */
  private async open(documentId: string, version: number, user: AuthenticatedUser): Promise<Opened> {
    const { doc, viewer } = await this.documents.open(documentId, user);
    this.policy.requireRead(doc, viewer);
    const v = await this.documents.version(doc, version);
    return { doc, viewer, pageCount: v.pageCount };
  }

  private async names(meetingId: string): Promise<Map<string, string>> {
    return new Map((await this.participants.roster(meetingId)).map((r) => [r.userId, r.fullName]));
  }
}

function viewerOf(doc: DocumentEntity, r: RosterEntry): DocumentViewer {
  return {
    userId: r.userId,
    meetingId: doc.meetingId,
    participant: true,
    canManage: r.meetingRole === 'secretary',
    actsFor: [r.userId, ...(r.representsUserId ? [r.representsUserId] : [])],
  };
}

function rejected(opId: string, code: ErrorCode, problem?: string): AnnotationOpResult {
  const error = errorBody(code, problem ? [{ field: 'op', problem }] : undefined);
  return { opId, status: 'rejected', annotation: null, error: { code: error.code, message: error.message } };
}

export function toDto(r: AnnotationEntity, names: Map<string, string>): AnnotationDto {
  return {
    id: r.id,
    documentId: r.documentId,
    version: r.version,
    ownerId: r.ownerId,
    ownerName: names.get(r.ownerId) ?? '',
    kind: r.kind as AnnotationKind,
    target: JSON.parse(r.target) as AnnotationTarget,
    color: r.color,
    body: r.body,
    visibility: r.visibility as AnnotationVisibility,
    sharedWith: JSON.parse(r.sharedWith) as string[],
    revision: r.revision,
    conflictOf: r.conflictOf,
    anchoring: r.anchoring ? (JSON.parse(r.anchoring) as AnnotationDto['anchoring']) : null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
