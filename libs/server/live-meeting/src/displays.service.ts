import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { CreatedDisplayDto, DisplayDto, DisplayInfoDto } from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import type { AuthenticatedUser } from '@phonghop/server-identity';
import { AgendaService, MeetingsService } from '@phonghop/server-meetings';
import { DisplayAccessPolicy } from '@phonghop/server-realtime';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { IsNull, Repository } from 'typeorm';
import { FloorStore } from './floor.store';
import { MeetingDisplayEntity } from './live-meeting.entity';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

const toDto = (d: MeetingDisplayEntity): DisplayDto => ({
  id: d.id,
  meetingId: d.meetingId,
  label: d.label,
  createdAt: d.createdAt.toISOString(),
  revokedAt: d.revokedAt?.toISOString() ?? null,
});

/**
 * The hall's display screens: a secretary makes a display link for a projector or TV (no login there); it opens
 * that one meeting's room read-only until revoked. Only the token's SHA-256 is stored.
 */
@Injectable()
export class DisplaysService extends DisplayAccessPolicy {
  constructor(
    @InjectRepository(MeetingDisplayEntity) private readonly displays: Repository<MeetingDisplayEntity>,
    private readonly meetings: MeetingsService,
    private readonly agenda: AgendaService,
    private readonly store: FloorStore,
  ) {
    super();
  }

  async create(meetingId: string, actor: AuthenticatedUser, label: string): Promise<CreatedDisplayDto> {
    await this.meetings.requirePresiding(meetingId, actor.id);
    const token = randomBytes(24).toString('base64url');
    const row = await this.displays.save(this.displays.create({ id: randomUUID(), meetingId, label: label.trim(), tokenHash: hashOf(token), createdById: actor.id, revokedAt: null }));
    return { ...toDto(row), token, path: `/display#${token}` };
  }

  async list(meetingId: string, actor: AuthenticatedUser): Promise<DisplayDto[]> {
    await this.meetings.requirePresiding(meetingId, actor.id);
    return (await this.displays.find({ where: { meetingId }, order: { createdAt: 'ASC' } })).map(toDto);
  }

  async revoke(meetingId: string, actor: AuthenticatedUser, displayId: string): Promise<void> {
    await this.meetings.requirePresiding(meetingId, actor.id);
    const res = await this.displays.update({ id: displayId, meetingId, revokedAt: IsNull() }, { revokedAt: new Date(), updatedAt: new Date() });
    if (!res.affected && !(await this.displays.exists({ where: { id: displayId, meetingId } }))) throw new ApiError('DISPLAY_NOT_FOUND');
    this.revoked$.next(displayId);
  }

  async displayOf(token: string): Promise<{ displayId: string; meetingId: string } | null> {
    const row = await this.displays.findOne({ where: { tokenHash: hashOf(token), revokedAt: IsNull() } });
    return row && { displayId: row.id, meetingId: row.meetingId };
  }

  /** The display's own view of its meeting (a display token reads one meeting and nothing else). */
  async info(token: string | undefined): Promise<DisplayInfoDto> {
    const display = token ? await this.displayOf(token) : null;
    if (!display) throw new ApiError('DISPLAY_NOT_FOUND');
    const [meeting, agenda, checkInCode] = await Promise.all([
      this.meetings.summaryOf(display.meetingId),
      this.agenda.itemsOf(display.meetingId),
      this.store.checkInCode(display.meetingId),
    ]);
    if (!meeting) throw new ApiError('DISPLAY_NOT_FOUND');
    const { myRole: _none, endsAt: _end, ...facts } = meeting;
    return { meeting: facts, agenda: agenda.map(({ id, parentId, title, plannedMinutes }) => ({ id, parentId, title, plannedMinutes })), checkInCode };
  }
}
