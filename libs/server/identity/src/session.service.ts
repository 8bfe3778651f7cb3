import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { LessThan, Not, Repository } from 'typeorm';
import type { AuthenticatedUser } from './authenticated-user';
import { SessionEntity } from './entities/session.entity';
import { UserEntity } from './entities/user.entity';
import { IDENTITY_OPTIONS, type IdentityOptions } from './identity.options';
import { SessionEvents } from './session-events';

/** Sliding expiry is written at most this often, so reads do not turn into writes. */
const TOUCH_INTERVAL_MS = 5 * 60_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface OpenedSession {
  token: string;
  session: SessionEntity;
}

@Injectable()
export class SessionService {
  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions,
    private readonly events: SessionEvents,
  ) {}

  private idleMs(): number {
    return this.options.sessionIdleHours * 3_600_000;
  }

  async open(userId: string, meta: { userAgent?: string; ip?: string }): Promise<OpenedSession> {
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const session = this.sessions.create({
      id: randomUUID(),
      userId,
      tokenHash: hashToken(token),
      expiresAt: new Date(now.getTime() + this.idleMs()),
      lastSeenAt: now,
      userAgent: meta.userAgent?.slice(0, 255) ?? null,
      ip: meta.ip?.slice(0, 64) ?? null,
    });
    await this.sessions.save(session);
    return { token, session };
  }

  /** Resolves a cookie token to its user, or null when unknown, expired or the account is disabled. */
  async authenticate(token: string | undefined): Promise<{ user: AuthenticatedUser; expiresAt: Date } | null> {
    if (!token || token.length > 200) return null;
    const session = await this.sessions.findOne({ where: { tokenHash: hashToken(token) } });
    const now = Date.now();
    if (!session || session.expiresAt.getTime() <= now) return null;
    const user = await this.users.findOne({ where: { id: session.userId } });
    if (!user || user.disabled) return null;
    if (now - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      session.lastSeenAt = new Date(now);
      session.expiresAt = new Date(now + this.idleMs());
      await this.sessions.update(session.id, { lastSeenAt: session.lastSeenAt, expiresAt: session.expiresAt });
    }
    return {
      user: {
        id: user.id,
        username: user.username,
        fullName: user.fullName,
        roles: user.roles,
        unitId: user.unitId,
        siteId: user.siteId,
        sessionId: session.id,
      },
      expiresAt: session.expiresAt,
    };
  }

  async end(sessionId: string): Promise<void> {
    await this.sessions.delete({ id: sessionId });
    this.events.emitEnded([sessionId]);
  }

  /** Ends every session of a user (password reset, account disabled), optionally keeping one. */
  async endAllOf(userId: string, keepSessionId?: string): Promise<void> {
    const where = keepSessionId ? { userId, id: Not(keepSessionId) } : { userId };
    const ended = await this.sessions.find({ where, select: { id: true } });
    if (!ended.length) return;
    await this.sessions.delete(ended.map((s) => s.id));
    this.events.emitEnded(ended.map((s) => s.id));
  }

  async purgeExpired(): Promise<number> {
    const res = await this.sessions.delete({ expiresAt: LessThan(new Date()) });
    return res.affected ?? 0;
  }
}
