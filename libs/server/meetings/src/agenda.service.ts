import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { AgendaItemDto, CreateAgendaItemRequest, ReorderAgendaRequest, UpdateAgendaItemRequest } from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import type { AuthenticatedUser } from '@phonghop/server-identity';
import { randomUUID } from 'node:crypto';
import { DataSource, IsNull, Repository } from 'typeorm';
import { AgendaItemEntity } from './meeting.entity';
import { EDITABLE, MeetingPreparationService } from './meeting-preparation.service';
import { MeetingsService } from './meetings.service';

function toDto(a: AgendaItemEntity): AgendaItemDto {
  return {
    id: a.id,
    parentId: a.parentId,
    position: a.position,
    title: a.title,
    description: a.description,
    presenter: a.presenter,
    plannedMinutes: a.plannedMinutes,
  };
}

/** Items first by their parent's place, then their own: a flat list in reading order. */
export function readingOrder(items: AgendaItemDto[]): AgendaItemDto[] {
  const byParent = new Map<string | null, AgendaItemDto[]>();
  for (const i of items) byParent.set(i.parentId, [...(byParent.get(i.parentId) ?? []), i]);
  const walk = (parent: string | null): AgendaItemDto[] =>
    (byParent.get(parent) ?? []).sort((a, b) => a.position - b.position).flatMap((i) => [i, ...walk(i.id)]);
  return walk(null);
}

/** The agenda (chương trình nghị sự): items and one level of sub-items, ordered by the secretary. */
@Injectable()
export class AgendaService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(AgendaItemEntity) private readonly items: Repository<AgendaItemEntity>,
    private readonly meetings: MeetingsService,
    private readonly preparation: MeetingPreparationService,
  ) {}

  async list(meetingId: string, actor: AuthenticatedUser): Promise<AgendaItemDto[]> {
    await this.meetings.requireAccess(meetingId, actor.id);
    return readingOrder((await this.items.findBy({ meetingId })).map(toDto));
  }

  /** The agenda in reading order, for domains that already checked access (the live meeting, the display). */
  async itemsOf(meetingId: string): Promise<AgendaItemDto[]> {
    return readingOrder((await this.items.findBy({ meetingId })).map(toDto));
  }

  async create(meetingId: string, actor: AuthenticatedUser, req: CreateAgendaItemRequest): Promise<AgendaItemDto> {
    await this.requireEditable(meetingId, actor);
    const parentId = req.parentId ?? null;
    if (parentId) {
      const parent = await this.items.findOneBy({ id: parentId, meetingId });
      if (!parent) throw new ApiError('AGENDA_ITEM_NOT_FOUND');
      if (parent.parentId) throw new ApiError('AGENDA_ORDER_INVALID'); // sub-items have no sub-items
    }
    const siblings = await this.items.findBy({ meetingId, parentId: parentId ?? IsNull() });
    const item = this.items.create({
      id: randomUUID(),
      meetingId,
      parentId,
      position: siblings.reduce((max, s) => Math.max(max, s.position + 1), 0),
      title: req.title.trim(),
      description: req.description ?? null,
      presenter: req.presenter ?? null,
      plannedMinutes: req.plannedMinutes ?? null,
    });
    await this.items.save(item);
    return toDto(item);
  }

  async update(meetingId: string, itemId: string, actor: AuthenticatedUser, req: UpdateAgendaItemRequest): Promise<AgendaItemDto> {
    await this.requireEditable(meetingId, actor);
    const item = await this.requireItem(meetingId, itemId);
    Object.assign(item, {
      ...(req.title !== undefined && { title: req.title.trim() }),
      ...(req.description !== undefined && { description: req.description }),
      ...(req.presenter !== undefined && { presenter: req.presenter }),
      ...(req.plannedMinutes !== undefined && { plannedMinutes: req.plannedMinutes }),
    });
    await this.items.save(item);
    return toDto(item);
  }

  async remove(meetingId: string, itemId: string, actor: AuthenticatedUser): Promise<void> {
    await this.requireEditable(meetingId, actor);
    const item = await this.requireItem(meetingId, itemId);
    await this.db.transaction(async (tx) => {
      await tx.delete(AgendaItemEntity, { parentId: item.id });
      await tx.delete(AgendaItemEntity, { id: item.id });
    });
  }

  /**
   * Applies the order the secretary dragged into place. The request must name every item exactly once,
   * keep parents inside this meeting and at most one level deep; then all positions change in one transaction.
   */
  async reorder(meetingId: string, actor: AuthenticatedUser, req: ReorderAgendaRequest): Promise<AgendaItemDto[]> {
    await this.requireEditable(meetingId, actor);
    const existing = await this.items.findBy({ meetingId });
    const ids = new Set(existing.map((i) => i.id));
    const given = new Map(req.items.map((i) => [i.id, i]));
    if (given.size !== req.items.length || given.size !== ids.size || [...given.keys()].some((id) => !ids.has(id))) {
      throw new ApiError('AGENDA_ORDER_INVALID');
    }
    for (const i of req.items) {
      if (i.parentId === null) continue;
      const parent = given.get(i.parentId);
      if (!parent || parent.id === i.id || parent.parentId !== null) throw new ApiError('AGENDA_ORDER_INVALID');
    }
    await this.db.transaction(async (tx) => {
      for (const i of req.items) await tx.update(AgendaItemEntity, { id: i.id, meetingId }, { parentId: i.parentId, position: i.position });
    });
    return this.list(meetingId, actor);
  }

  private async requireEditable(meetingId: string, actor: AuthenticatedUser): Promise<void> {
    const m = await this.preparation.requireManaged(meetingId, actor);
    if (!EDITABLE.includes(m.status)) throw new ApiError('MEETING_NOT_EDITABLE');
  }

  private async requireItem(meetingId: string, itemId: string): Promise<AgendaItemEntity> {
    const item = await this.items.findOneBy({ id: itemId, meetingId });
    if (!item) throw new ApiError('AGENDA_ITEM_NOT_FOUND');
    return item;
  }
}
