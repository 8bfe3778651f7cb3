import type { MeetingRole } from '@phonghop/contracts';
import type { AuthenticatedUser } from '@phonghop/server-identity';

/**
 * Decides who may join a meeting's room and with which meeting role. The meetings domain provides it;
 * realtime only asks, so this lib never learns how participation is stored.
 */
export abstract class RoomAccessPolicy {
  abstract roleIn(meetingId: string, user: AuthenticatedUser): Promise<MeetingRole | null>;
}
