import type { MeetingRole } from '@phonghop/contracts';
import type { AuthenticatedUser } from '@phonghop/server-identity';
import { Subject } from 'rxjs';

/** Who a person is in a meeting's room. */
export interface RoomMember {
  meetingRole: MeetingRole;
  /** May join the hosts' channel (the meetings domain's one "may preside" decision). */
  mayPreside: boolean;
}

/**
 * Decides who may join a meeting's room and with which meeting role. The meetings domain provides it;
 * realtime only asks, so this lib never learns how participation is stored.
 */
export abstract class RoomAccessPolicy {
  abstract memberOf(meetingId: string, user: AuthenticatedUser): Promise<RoomMember | null>;
}

/**
 * A hall's display screen connects without a person: with a display token that opens one meeting's room,
 * read-only. The live-meeting domain provides it.
 */
export abstract class DisplayAccessPolicy {
  /** The display a token opens, or null when it is unknown or revoked. */
  abstract displayOf(token: string): Promise<{ displayId: string; meetingId: string } | null>;
  /** Revoked displays: their sockets are disconnected at once. */
  readonly revoked$ = new Subject<string>();
}
