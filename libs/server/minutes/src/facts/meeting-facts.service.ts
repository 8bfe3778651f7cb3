import { Injectable } from '@nestjs/common';
import { type AuthenticatedUser, UsersService } from '@phonghop/server-identity';
import { LiveMeetingService } from '@phonghop/server-live-meeting';
import { AgendaService, MeetingPreparationService, ParticipantsService } from '@phonghop/server-meetings';
import { OrganisationService } from '@phonghop/server-organisation';
import { VotingService } from '@phonghop/server-voting';
import type { MeetingFacts } from './meeting-facts';

/**
 * Reads a meeting's facts through the owning domains' services (never their tables): the meeting and its organiser,
 * participants, agenda, the live meeting's record, attendance and floor, and the closed votes. The caller has
 * checked who asks; `actor` only decides what the meetings domain shows (a secretary also gets the reasons for
 * declining).
 */
@Injectable()
export class MeetingFactsService {
  constructor(
    private readonly preparation: MeetingPreparationService,
    private readonly participants: ParticipantsService,
    private readonly agenda: AgendaService,
    private readonly live: LiveMeetingService,
    private readonly organisation: OrganisationService,
    private readonly users: UsersService,
    private readonly voting: VotingService,
  ) {}

  async gather(meetingId: string, actor: AuthenticatedUser): Promise<MeetingFacts> {
    const meeting = await this.preparation.detail(meetingId, actor);
    const [unit, participants, agenda, live, votes] = await Promise.all([
      meeting.organiserUnitId ? this.organisation.unitWithParent(meeting.organiserUnitId) : null,
      this.participants.list(meetingId, actor),
      this.agenda.itemsOf(meetingId),
      this.live.recordFacts(meetingId),
      this.voting.closedResults(meetingId),
    ]);
    const siteNames = new Map<string, string>();
    for (const a of live.attendance) if (a.siteId && a.siteName) siteNames.set(a.siteId, a.siteName);
    // A site's account stands for its site (a meeting has a few): which site, for the speeches and the statistics.
    const siteOfAccount = new Map<string, { id: string; name: string }>();
    for (const p of participants.filter((x) => x.meetingRole === 'site')) {
      const siteId = (await this.users.get(p.userId).catch(() => null))?.siteId;
      const site = siteId ? await this.organisation.site(siteId) : null;
      if (!site) continue;
      siteOfAccount.set(p.userId, { id: site.id, name: site.name });
      siteNames.set(site.id, site.name);
    }
    return { meeting, unit, participants, agenda, floor: live.floor, events: live.events, attendance: live.attendance, siteOfAccount, siteNames, votes };
  }
}
