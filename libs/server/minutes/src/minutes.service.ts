import { Injectable } from '@nestjs/common';
import { type MinutesDto, type MinutesItemDto, type MinutesKind, type MinutesVersionDto, type SaveMinutesDraftRequest } from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import { type AuthenticatedUser, UsersService } from '@phonghop/server-identity';
import { type MeetingAccess, MeetingsService } from '@phonghop/server-meetings';
import { randomUUID } from 'node:crypto';
import { draftContent } from './draft/minutes-draft';
import { MeetingFactsService } from './facts/meeting-facts.service';
import { MINUTES_HTML_MAX_CHARS, MinutesHtmlTooLargeError, sanitizeMinutesHtml } from './minutes-html';
import { MeetingMinutesEntity, itemsOf } from './minutes.entity';
import { MinutesStore } from './minutes.store';

/**
 * The rules of minutes and conclusions. Secretaries write drafts; the chair or a secretary makes one final, after
 * which it never changes (a correction is the next version, started from it). Those who preside read every
 * version; other participants read final versions only, and cannot tell whether a draft exists.
 */
@Injectable()
export class MinutesService {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly store: MinutesStore,
    private readonly facts: MeetingFactsService,
    private readonly users: UsersService,
  ) {}

  /** The newest version the caller may read. */
  async latest(meetingId: string, kind: MinutesKind, actor: AuthenticatedUser): Promise<MinutesDto> {
    const access = await this.meetings.requireAccess(meetingId, actor.id);
    const row = access.mayPreside ? await this.store.latest(meetingId, kind) : await this.store.latestFinal(meetingId, kind);
    if (!row) throw new ApiError('MINUTES_NOT_FOUND');
    return this.toDto(row);
  }

  /** One version the caller may read (a draft only for those who preside). */
  async readable(meetingId: string, kind: MinutesKind, version: number, actor: AuthenticatedUser): Promise<MeetingMinutesEntity> {
    const access = await this.meetings.requireAccess(meetingId, actor.id);
    const row = await this.store.version(meetingId, kind, version);
    if (!row || (row.status !== 'final' && !access.mayPreside)) throw new ApiError('MINUTES_NOT_FOUND');
    return row;
  }

  async versions(meetingId: string, kind: MinutesKind, actor: AuthenticatedUser): Promise<MinutesVersionDto[]> {
    const access = await this.meetings.requireAccess(meetingId, actor.id);
    const rows = (await this.store.versions(meetingId, kind)).filter((r) => access.mayPreside || r.status === 'final');
    const names = await this.names(rows.flatMap((r) => [r.updatedById, r.finalizedById]));
    return rows.map((r) => ({
      version: r.version,
      revision: r.revision,
      status: r.status,
      number: r.number,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      updatedByName: r.updatedById ? (names.get(r.updatedById) ?? null) : null,
      finalizedAt: r.finalizedAt?.toISOString() ?? null,
      finalizedByName: r.finalizedById ? (names.get(r.finalizedById) ?? null) : null,
    }));
  }

  /**
   * The draft to edit: the current one unchanged, else a new one: the first pre-filled from the meeting and its
   * running record, or a correction (version + 1) copied from the latest final. `created` says which.
   */
  async startDraft(meetingId: string, kind: MinutesKind, actor: AuthenticatedUser): Promise<{ created: boolean; minutes: MinutesDto }> {
    requireManage(await this.meetings.requireAccess(meetingId, actor.id));
    const latest = await this.store.latest(meetingId, kind);
    if (latest?.status === 'draft') return { created: false, minutes: await this.toDto(latest) };
    const content = latest
      ? { bodyHtml: latest.bodyHtml, items: itemsOf(latest), number: latest.number }
      : { ...(await this.prefill(meetingId, kind, actor)), number: '' };
    const row = Object.assign(new MeetingMinutesEntity(), {
      id: randomUUID(),
      meetingId,
      kind,
      version: (latest?.version ?? 0) + 1,
      revision: 0,
      status: 'draft',
      number: content.number,
      bodyHtml: content.bodyHtml,
      items: JSON.stringify(content.items),
      createdById: actor.id,
      updatedById: actor.id,
      finalizedAt: null,
      finalizedById: null,
    } satisfies Partial<MeetingMinutesEntity>);
    if (await this.store.insert(row)) return { created: true, minutes: await this.toDto((await this.store.version(meetingId, kind, row.version)) ?? row) };
    // Another secretary started the same version a moment earlier: theirs is the draft to edit.
    const theirs = await this.store.latest(meetingId, kind);
    if (theirs?.status !== 'draft') throw new ApiError('MINUTES_CONFLICT');
    return { created: false, minutes: await this.toDto(theirs) };
  }

  /** Saves the draft if nobody saved (or finalized, or started a correction) since the version and revision read. */
  async saveDraft(meetingId: string, kind: MinutesKind, actor: AuthenticatedUser, req: SaveMinutesDraftRequest): Promise<MinutesDto> {
    requireManage(await this.meetings.requireAccess(meetingId, actor.id));
    const bodyHtml = sanitized(req.bodyHtml, 'bodyHtml');
    const conclusions = (req.items ?? []).map((i, n) => ({ itemId: i.itemId.toLowerCase(), html: i.conclusionHtml === null ? null : sanitized(i.conclusionHtml, `items.${n}.conclusionHtml`) }));
    const saved = await this.store.transaction(async (tx) => {
      const latest = await this.store.latest(meetingId, kind, tx);
      if (!latest) throw new ApiError('MINUTES_NOT_FOUND');
      if (latest.status === 'final') throw new ApiError('MINUTES_FINAL');
      if (latest.version !== req.baseVersion || latest.revision !== req.baseRevision) throw new ApiError('MINUTES_CONFLICT');
      const items = mergeConclusions(itemsOf(latest), conclusions);
      const changes = { bodyHtml, number: req.number.trim(), items: JSON.stringify(items), updatedById: actor.id };
      if (await this.store.updateDraft(tx, latest, changes)) return latest.version;
      const now = await this.store.latest(meetingId, kind, tx);
      throw new ApiError(now?.status === 'final' ? 'MINUTES_FINAL' : 'MINUTES_CONFLICT');
    });
    return this.toDto(await this.requireVersion(meetingId, kind, saved));
  }

  /** The chair or a secretary makes the current draft final: who and when are recorded, and it never changes again. */
  async finalize(meetingId: string, kind: MinutesKind, actor: AuthenticatedUser, baseRevision?: number): Promise<MinutesDto> {
    const access = await this.meetings.requireAccess(meetingId, actor.id);
    if (!access.mayPreside) throw new ApiError('FORBIDDEN');
    const latest = await this.store.latest(meetingId, kind);
    if (!latest) throw new ApiError('MINUTES_NOT_FOUND');
    if (latest.status === 'final') throw new ApiError('MINUTES_FINAL');
    if (baseRevision !== undefined && baseRevision !== latest.revision) throw new ApiError('MINUTES_CONFLICT');
    if (!(await this.store.finalize(latest, actor.id, new Date(), baseRevision))) {
      // Someone finalized it (or saved it, when a revision was named) between our read and our write.
      const now = await this.store.version(meetingId, kind, latest.version);
      throw new ApiError(now?.status === 'final' ? 'MINUTES_FINAL' : 'MINUTES_CONFLICT');
    }
    return this.toDto(await this.requireVersion(meetingId, kind, latest.version));
  }

  private async prefill(meetingId: string, kind: MinutesKind, actor: AuthenticatedUser) {
    const facts = await this.facts.gather(meetingId, actor);
    const me = facts.participants.find((p) => p.userId === actor.id) ?? { fullName: actor.fullName, title: null };
    return draftContent(kind, facts, me);
  }

  private async requireVersion(meetingId: string, kind: MinutesKind, version: number): Promise<MeetingMinutesEntity> {
    const row = await this.store.version(meetingId, kind, version);
    if (!row) throw new ApiError('MINUTES_NOT_FOUND');
    return row;
  }

  private async toDto(row: MeetingMinutesEntity): Promise<MinutesDto> {
    const names = await this.names([row.updatedById, row.finalizedById]);
    return {
      meetingId: row.meetingId,
      kind: row.kind,
      version: row.version,
      revision: row.revision,
      status: row.status,
      number: row.number,
      bodyHtml: row.bodyHtml,
      items: itemsOf(row),
      updatedAt: row.updatedAt.toISOString(),
      updatedByName: row.updatedById ? (names.get(row.updatedById) ?? null) : null,
      finalizedAt: row.finalizedAt?.toISOString() ?? null,
      finalizedByName: row.finalizedById ? (names.get(row.finalizedById) ?? null) : null,
    };
  }

  /** Full names of a few accounts (a deleted one has none). */
  async names(ids: (string | null)[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((x): x is string => !!x))];
    const found = await Promise.all(unique.map((id) => this.users.get(id).catch(() => null)));
    return new Map(found.filter((u) => u !== null).map((u) => [u.id, u.fullName]));
  }
}

function requireManage(access: MeetingAccess): void {
  if (!access.canManage) throw new ApiError('FORBIDDEN');
}

/** Sanitized editor HTML; too long (before or after) is a 400 with its own code, naming the field. */
function sanitized(html: string, field: string): string {
  const tooLarge = (length: number) => new ApiError('MINUTES_HTML_TOO_LARGE', [{ field, problem: `${length} > ${MINUTES_HTML_MAX_CHARS}` }]);
  try {
    const clean = sanitizeMinutesHtml(html);
    // Escaping can lengthen text ("&" → "&amp;"): what is stored must still be readable by the renderer.
    if (clean.length > MINUTES_HTML_MAX_CHARS) throw tooLarge(clean.length);
    return clean;
  } catch (err) {
    if (err instanceof MinutesHtmlTooLargeError) throw tooLarge(err.length);
    throw err;
  }
}

/** The stored items with the conclusions sent; an item not on this version's list is a validation error. */
function mergeConclusions(items: MinutesItemDto[], changes: { itemId: string; html: string | null }[]): MinutesItemDto[] {
  const byId = new Map(changes.map((c) => [c.itemId, c.html]));
  const unknown = changes.findIndex((c) => !items.some((i) => i.itemId === c.itemId));
  if (unknown >= 0) throw new ApiError('VALIDATION_FAILED', [{ field: `items.${unknown}.itemId`, problem: 'not an item of these minutes' }]);
  return items.map((i) => (byId.has(i.itemId) ? { ...i, conclusionHtml: byId.get(i.itemId) || null } : i));
}
