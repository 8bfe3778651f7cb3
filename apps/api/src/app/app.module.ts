import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CONFERENCE_ENTITIES, ConferenceModule } from '@phonghop/server-conference';
import { buildDataSourceOptions, openDataSource, serializeSqliteTransactions } from '@phonghop/server-database';
import { DemoSeedModule } from '@phonghop/server-demo-seed';
import { DOCUMENT_ENTITIES, DocumentsModule } from '@phonghop/server-documents';
import { IDENTITY_ENTITIES, IdentityModule } from '@phonghop/server-identity';
import { LIVE_MEETING_ENTITIES, LiveMeetingModule } from '@phonghop/server-live-meeting';
import { MEETING_ENTITIES, MeetingsModule } from '@phonghop/server-meetings';
import { MINUTES_ENTITIES, MinutesModule } from '@phonghop/server-minutes';
import { ORGANISATION_ENTITIES, OrganisationModule } from '@phonghop/server-organisation';
import { ClusterModule, RealtimeCoreModule, RealtimeModule } from '@phonghop/server-realtime';
import { VOTING_ENTITIES, VotingModule } from '@phonghop/server-voting';
import { ANNOTATION_ENTITIES, AnnotationsModule } from '@phonghop/server-annotations';
import { PRESENTATION_ENTITIES, PresentationModule } from '@phonghop/server-presentation';
import { SIGNATURE_ENTITIES, SignaturesModule } from '@phonghop/server-signatures';
import { LoggerModule } from 'nestjs-pino';
import type { DataSourceOptions } from 'typeorm';
import { type AppConfig, conferenceOptions } from './config';
import { CLIENT_SETTINGS, ClientSettingsController } from './client-settings.controller';
import { HealthController } from './health.controller';
import { signaturesOptions } from './signatures-config';

/** Composition root: wires the domain modules with the validated configuration. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    const documents = DocumentsModule.register({ dataDir: config.DATA_DIR });
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => ({ app: config })] }),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.LOG_LEVEL,
            // Secrets never reach the log: cookies, credentials and anything named like a password.
            redact: {
              paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.password', '*.newPassword', '*.currentPassword'],
              censor: '[hidden]',
            },
            autoLogging: { ignore: (req) => req.url === '/api/health' },
            transport: undefined,
          },
        }),
        TypeOrmModule.forRootAsync({
          useFactory: () =>
            buildDataSourceOptions({
              databaseUrl: config.DATABASE_URL,
              dataDir: config.DATA_DIR,
              entities: [...IDENTITY_ENTITIES, ...ORGANISATION_ENTITIES, ...MEETING_ENTITIES, ...DOCUMENT_ENTITIES, ...CONFERENCE_ENTITIES, ...LIVE_MEETING_ENTITIES, ...MINUTES_ENTITIES, ...VOTING_ENTITIES, ...ANNOTATION_ENTITIES, ...SIGNATURE_ENTITIES, ...PRESENTATION_ENTITIES],
            }),
          // The embedded SQLite has one connection: its transactions take turns (see serializeSqliteTransactions).
          // PostgreSQL: processes starting together migrate one after the other (openDataSource).
          dataSourceFactory: async (options) => serializeSqliteTransactions(await openDataSource(options as DataSourceOptions)),
        }),
        ThrottlerModule.forRoot([{ name: 'login', ttl: 60_000, limit: config.LOGIN_RATE_PER_MINUTE }]),
        TerminusModule,
        IdentityModule.register({
          sessionIdleHours: config.SESSION_IDLE_HOURS,
          loginThrottle: {
            freeFailures: config.LOGIN_FREE_FAILURES,
            maxDelaySeconds: config.LOGIN_MAX_DELAY_MINUTES * 60,
            accountFreeFailures: config.LOGIN_ACCOUNT_FREE_FAILURES,
            accountMaxDelaySeconds: config.LOGIN_ACCOUNT_MAX_DELAY_SECONDS,
          },
          secureCookies: config.cookieSecure,
          firstAdmin: config.firstAdmin,
        }),
        ClusterModule.register({ redisUrl: config.REDIS_URL }),
        RealtimeCoreModule,
        SignaturesModule.register(signaturesOptions(config)),
        OrganisationModule,
        MeetingsModule,
        documents,
        LiveMeetingModule,
        MinutesModule.register(documents),
        VotingModule,
        AnnotationsModule.register(documents),
        PresentationModule.register(documents),
        RealtimeModule.register(MeetingsModule, LiveMeetingModule),
        ConferenceModule.register(conferenceOptions(config)),
        ...(config.SEED_DEMO_DATA ? [DemoSeedModule] : []),
      ],
      controllers: [HealthController, ClientSettingsController],
      providers: [{ provide: CLIENT_SETTINGS, useValue: { timeZone: config.MEETING_TIME_ZONE } }],
    };
  }
}
