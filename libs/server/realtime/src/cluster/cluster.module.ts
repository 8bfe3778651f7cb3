import { type DynamicModule, Global, Module } from '@nestjs/common';
import { CLUSTER_OPTIONS, type ClusterOptions } from './meeting-router';

/** The API's several-process settings (REDIS_URL), read by the MeetingRouter. Without it: one process. */
@Global()
@Module({})
export class ClusterModule {
  static register(options: ClusterOptions): DynamicModule {
    return { module: ClusterModule, providers: [{ provide: CLUSTER_OPTIONS, useValue: options }], exports: [CLUSTER_OPTIONS] };
  }
}
