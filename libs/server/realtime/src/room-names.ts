import type { RoomAudience } from '@phonghop/contracts';

/** The socket.io room of one audience of a meeting. */
export const roomName = (meetingId: string, audience: RoomAudience = 'everyone') =>
  audience === 'everyone' ? `meeting:${meetingId}` : `meeting:${meetingId}:${audience}`;
