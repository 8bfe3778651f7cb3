import { Module } from '@nestjs/common';
import { DemoSeedService } from './demo-seed.service';

/** Import only when seeding is enabled (SEED_DEMO_DATA, on by default; off in production). */
@Module({ providers: [DemoSeedService], exports: [DemoSeedService] })
export class DemoSeedModule {}
