import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { RealtimeGateway } from './realtime.gateway';
import { RoomAccessPolicy } from './room-access.policy';
import { RoomHub } from './room-hub';

@Module({})
export class RealtimeModule {
  /** `accessFrom` is the module that provides the RoomAccessPolicy (meetings, in the API). */
  static register(accessFrom: Type<unknown>): DynamicModule {
    return {
      module: RealtimeModule,
      imports: [accessFrom],
      providers: [RoomHub, RealtimeGateway],
      exports: [RoomHub],
    };
  }
}

export { RoomAccessPolicy };
