import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MeetingEntity } from '@phonghop/server-meetings';
import type { Repository } from 'typeorm';
import { CONFERENCE_OPTIONS, type ConferenceOptions } from '../conference.options';
import { ConferenceService } from '../conference.service';
import type { ConferenceRoom } from '../room/conference-room';
import { CascadeUplink } from './cascade-uplink';

/**
 * On a lower-level server (CASCADE_UPPER_URL set): a meeting whose secretary linked it to an upper-level meeting
 * (`upperMeetingId`) keeps an uplink while its conference is open here.
 */
@Injectable()
export class CascadeUplinks implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('CascadeUplink');
  private readonly uplinks = new Map<ConferenceRoom, CascadeUplink>();

  constructor(
    @Inject(CONFERENCE_OPTIONS) private readonly options: ConferenceOptions,
    private readonly conferences: ConferenceService,
    @InjectRepository(MeetingEntity) private readonly meetings: Repository<MeetingEntity>,
  ) {}

  onModuleInit(): void {
    const { upper, serverName } = this.options.cascade;
    if (!upper || !serverName) return;
    this.conferences.onRoomOpened((room) => void this.opened(room, { ...upper, serverName }));
    this.conferences.onRoomClosed((room) => {
      this.uplinks.get(room)?.stop();
      this.uplinks.delete(room);
    });
  }

  onModuleDestroy(): void {
    for (const uplink of this.uplinks.values()) uplink.stop();
    this.uplinks.clear();
  }

  private async opened(room: ConferenceRoom, upper: { url: string; secret: string; serverName: string }): Promise<void> {
    const meeting = await this.meetings.findOne({ where: { id: room.meetingId }, select: { id: true, upperMeetingId: true } });
    // Closed again meanwhile, or not linked up.
    if (!meeting?.upperMeetingId || this.conferences.room(room.meetingId) !== room || this.uplinks.has(room)) return;
    const uplink = new CascadeUplink(room, meeting.upperMeetingId, upper, this.logger);
    this.uplinks.set(room, uplink);
    uplink.start();
  }
}
