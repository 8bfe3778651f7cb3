import { type DynamicModule, Global, Module, type Type } from '@nestjs/common';
import { MeetingRouter } from './cluster/meeting-router';
import { RealtimeGateway } from './realtime.gateway';
import { RoomHub } from './room-hub';
import { SocketRequests } from './socket-requests';
import { UserNotifier } from './user-notifier';

/** Room state and user notifications, available to every domain that publishes changes. */
@Global()
@Module({ providers: [RoomHub, UserNotifier, SocketRequests, MeetingRouter], exports: [RoomHub, UserNotifier, SocketRequests, MeetingRouter] })
export class RealtimeCoreModule {}

@Module({})
export class RealtimeModule {
  /**
   * `accessFrom`: the modules that provide the RoomAccessPolicy (meetings, in the API) and the DisplayAccessPolicy
   * (the live meeting).
   */
  static register(...accessFrom: Type<unknown>[]): DynamicModule {
    return {
      module: RealtimeModule,
      imports: [RealtimeCoreModule, ...accessFrom],
      providers: [RealtimeGateway],
    };
  }
}
