import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { MediaWorkerPool } from '@phonghop/server-conference';
import { Public } from '@phonghop/server-identity';
import { MeetingRouter } from '@phonghop/server-realtime';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly media: MediaWorkerPool,
    private readonly router: MeetingRouter,
  ) {}

  // Public: load balancers and monitoring probe it without an account; it reveals only up/down and counts.
  @Public()
  @Get()
  @HealthCheck()
  check() {
    const cluster = this.router.health();
    return this.health.check([
      () => this.db.pingCheck('database'),
      () => this.mediaWorkers(),
      // Several processes: Redis carries the rooms' deltas between them; down here, this process serves only its own.
      ...(cluster ? [() => this.redis(cluster)] : []),
    ]);
  }

  private redis(cluster: { process: string; redis: boolean; meetings: number; settled: boolean }) {
    const check = this.indicators.check('redis');
    const info = { process: cluster.process, meetings: cluster.meetings, settled: cluster.settled };
    return cluster.redis ? check.up(info) : check.down(info);
  }

  /**
   * Down only when conferences are configured and no worker runs: one worker restarting leaves the others serving,
   * which the counts show without failing the probe (a load balancer would otherwise drop a process that works).
   */
  private mediaWorkers() {
    const { configured, up } = this.media.health();
    const check = this.indicators.check('media');
    return configured > 0 && up === 0 ? check.down({ configured, up }) : check.up({ configured, up });
  }
}
