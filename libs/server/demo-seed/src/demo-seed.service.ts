import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PasswordHasher, UserEntity } from '@phonghop/server-identity';
import { MeetingEntity, MeetingParticipantEntity, MeetingSiteEntity } from '@phonghop/server-meetings';
import { ConferenceSiteEntity, OrgUnitEntity } from '@phonghop/server-organisation';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DEMO_ACCOUNTS, DEMO_MEETING, DEMO_PASSWORD, DEMO_UNITS } from './demo-data';

/** On the first start (no accounts at all) creates the demo province, its sites, one account per role and a meeting. */
@Injectable()
export class DemoSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoSeed');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly hasher: PasswordHasher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((await this.db.getRepository(UserEntity).count()) > 0) return;
    await this.seed();
  }

  async seed(): Promise<void> {
    const passwordHash = await this.hasher.hash(DEMO_PASSWORD);
    // One transaction: a crash half-way leaves no half-seeded database that would block the next attempt.
    await this.db.transaction(async (tx) => {
      const unitId = new Map<string, string>();
      const siteId = new Map<string, string>();
      // The demo tables reference each other by code; a typo must fail loudly, not insert a null.
      const idOf = (ids: Map<string, string>, code: string) => {
        const id = ids.get(code);
        if (!id) throw new Error(`Demo data refers to unknown unit code ${code}`);
        return id;
      };
      for (const [i, u] of DEMO_UNITS.entries()) {
        const id = randomUUID();
        unitId.set(u.code, id);
        await tx.insert(OrgUnitEntity, {
          id,
          code: u.code,
          name: u.name,
          kind: u.kind,
          parentId: u.parent ? idOf(unitId, u.parent) : null,
          sortOrder: i,
        });
        if (u.site) {
          const sid = randomUUID();
          siteId.set(u.code, sid);
          await tx.insert(ConferenceSiteEntity, {
            id: sid,
            unitId: id,
            name: u.site,
            location: `Trụ sở ${u.name}`,
            isHost: u.kind === 'province',
            disabled: false,
          });
        }
      }
      const meetingId = randomUUID();
      const startsAt = new Date(Date.now() + DEMO_MEETING.startsInDays * 86_400_000);
      startsAt.setUTCHours(1, 0, 0, 0); // 08:00 in Vietnam (UTC+7)
      await tx.insert(MeetingEntity, {
        id: meetingId,
        title: DEMO_MEETING.title,
        kind: 'hybrid',
        status: 'published',
        startsAt,
        endsAt: new Date(startsAt.getTime() + 3 * 3_600_000),
        location: DEMO_MEETING.location,
        organiserUnitId: idOf(unitId, DEMO_MEETING.organiser),
        createdById: null,
      });
      // Sites are participants of their own, with or without an operator account (only Phú Lộc has one here).
      for (const code of DEMO_MEETING.siteUnits) await tx.insert(MeetingSiteEntity, { meetingId, siteId: idOf(siteId, code) });
      for (const a of DEMO_ACCOUNTS) {
        const id = randomUUID();
        await tx.insert(UserEntity, {
          id,
          username: a.username,
          fullName: a.fullName,
          title: a.title,
          email: null,
          phone: null,
          roles: a.roles,
          passwordHash,
          unitId: idOf(unitId, a.unit),
          siteId: a.siteOfUnit ? idOf(siteId, a.unit) : null,
          disabled: false,
          mustChangePassword: false,
          failedLogins: 0,
          lockedUntil: null,
          lastLoginAt: null,
        });
        if (a.meetingRole) {
          await tx.insert(MeetingParticipantEntity, { id: randomUUID(), meetingId, userId: id, meetingRole: a.meetingRole });
        }
      }
    });
    this.logger.log(`Demo data created: ${DEMO_UNITS.length} units, ${DEMO_ACCOUNTS.length} accounts (see README)`);
  }
}
