import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { PresentationState } from '@phonghop/contracts';
import { TimestampedEntity } from '@phonghop/server-database';
import { Column, Entity, PrimaryColumn, type Repository } from 'typeorm';

/** What a meeting presents, without the live ink (strokes are for the moment; a page turn clears them anyway). */
@Entity('meeting_presentation')
export class MeetingPresentationEntity extends TimestampedEntity {
  @PrimaryColumn({ name: 'meeting_id', type: 'varchar', length: 36 })
  meetingId!: string;

  @Column({ type: 'text' })
  state!: string;
}

export const PRESENTATION_ENTITIES = [MeetingPresentationEntity];

/**
 * Keeps each meeting's presentation in the database so that a restarted API, or the process that takes a meeting
 * over, presents the same page. Page turns and zooms come many per second while a presenter pinches: they are
 * written behind, the latest per meeting, one write at a time in order (a crash loses at most the zoom of the
 * last moment, never the document).
 */
@Injectable()
export class PresentationStore {
  private readonly logger = new Logger('PresentationStore');
  /** The latest state waiting to be written per meeting (null: stopped), and the meetings being written. */
  private readonly waiting = new Map<string, PresentationState | null>();
  private readonly writing = new Map<string, Promise<void>>();

  constructor(@InjectRepository(MeetingPresentationEntity) private readonly rows: Repository<MeetingPresentationEntity>) {}

  async load(meetingId: string): Promise<PresentationState | null> {
    await this.writing.get(meetingId);
    const row = await this.rows.findOneBy({ meetingId });
    return row ? { ...(JSON.parse(row.state) as Omit<PresentationState, 'ink'>), ink: [] } : null;
  }

  /** Stores `state` (null: the presentation ended) after the writes before it; resolves when it is written. */
  save(meetingId: string, state: PresentationState | null): Promise<void> {
    this.waiting.set(meetingId, state);
    const next = (this.writing.get(meetingId) ?? Promise.resolve()).then(() => this.flush(meetingId));
    this.writing.set(meetingId, next);
    void next.finally(() => {
      if (this.writing.get(meetingId) === next) this.writing.delete(meetingId);
    });
    return next;
  }

  /** Writes the latest waiting state; nothing when an earlier turn already wrote it (a burst of zooms: one write). */
  private async flush(meetingId: string): Promise<void> {
    if (!this.waiting.has(meetingId)) return;
    const state = this.waiting.get(meetingId) ?? null;
    this.waiting.delete(meetingId);
    try {
      if (state) {
        const { ink: _ink, ...rest } = state;
        await this.rows.save({ meetingId, state: JSON.stringify(rest) });
      } else await this.rows.delete({ meetingId });
    } catch (err) {
      this.logger.warn({ meetingId, err: String(err) }, 'The presentation was not stored');
    }
  }
}
