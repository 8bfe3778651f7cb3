import { Injectable } from '@nestjs/common';
import type { ServerToClientEvents } from '@phonghop/contracts';

type UserEvent = 'invitation:new' | 'meeting:changed' | 'documents:changed' | 'annotations:changed';
export type UserSink = <E extends UserEvent>(userIds: string[], event: E, payload: Parameters<ServerToClientEvents[E]>[0]) => void;

/** Pushes an event to every open connection of the given people, wherever they are in the app. */
@Injectable()
export class UserNotifier {
  private sink: UserSink = () => undefined;

  attach(sink: UserSink): void {
    this.sink = sink;
  }

  notify<E extends UserEvent>(userIds: string[], event: E, payload: Parameters<ServerToClientEvents[E]>[0]): void {
    if (userIds.length) this.sink(userIds, event, payload);
  }
}

export const userRoom = (userId: string) => `user:${userId}`;
