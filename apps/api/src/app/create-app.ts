import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { API_PREFIX } from '@phonghop/contracts';
import { ApiExceptionFilter, createValidationPipe, jsonDepthGuard } from '@phonghop/server-core';
import { RealtimeIoAdapter } from '@phonghop/server-realtime';
import cookieParser from 'cookie-parser';
import { json, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { readFileSync } from 'node:fs';
import { AppModule } from './app.module';
import type { AppConfig } from './config';
import { locateWebApp, serveWebApp } from './serve-web-app';

/** Sent on secure requests: 180 days, subdomains included. */
const HSTS = 'max-age=15552000; includeSubDomains';

/** Builds the whole API (and, when built, the web app) the same way for main.ts, tests and benchmarks. */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const httpsOptions =
    config.TLS_CERT_FILE && config.TLS_KEY_FILE
      ? { cert: readFileSync(config.TLS_CERT_FILE), key: readFileSync(config.TLS_KEY_FILE) }
      : undefined;
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    httpsOptions,
  });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.TRUST_PROXY_HOPS);
  // The socket gateway's limits per socket and per address (issue 14: socket floods and oversized messages).
  app.useWebSocketAdapter(
    new RealtimeIoAdapter(app, {
      eventsPerSecond: config.REALTIME_EVENTS_PER_SECOND,
      eventBurst: config.REALTIME_EVENT_BURST,
      connectionsPerAddress: config.REALTIME_CONNECTIONS_PER_ADDRESS,
      maxMessageBytes: config.REALTIME_MAX_MESSAGE_BYTES,
      trustProxyHops: config.TRUST_PROXY_HOPS,
    }),
  );
  const webApp = locateWebApp(config.WEB_DIST_DIR);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          // index.html's own inline script (it starts pdf.js' worker on a link to a document) by its hash.
          scriptSrc: ["'self'", ...(webApp?.inlineScriptSources ?? [])],
          // Angular Material sets inline style attributes at run time.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'", 'ws:', 'wss:'],
          workerSrc: ["'self'", 'blob:'],
          mediaSrc: ["'self'", 'blob:'],
          upgradeInsecureRequests: null,
        },
      },
      crossOriginEmbedderPolicy: false,
      // Sent below, and only on requests that came over HTTPS.
      strictTransportSecurity: false,
    }),
  );
  // HSTS whenever the request is secure: served with TLS here, or through a trusted proxy (TRUST_PROXY_HOPS) that
  // says X-Forwarded-Proto: https. Plain-HTTP LAN installs must not be told to switch to HTTPS they do not have.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.secure) res.setHeader('Strict-Transport-Security', HSTS);
    next();
  });
  app.use(cookieParser());
  // Minutes may hold 200,000 characters of HTML (plus a conclusion per agenda item): their routes take JSON up to
  // 4 MB, so an oversized text reaches the service and is answered MINUTES_HTML_TOO_LARGE. Every other route keeps
  // the parser's 100 kB (the general parser skips a body already read).
  // Every JSON parser refuses bodies nested deeper than JSON_MAX_DEPTH before parsing them (BODY_TOO_DEEP): thousands
  // of levels would overflow the stack of the code that reads the body afterwards.
  const verify = jsonDepthGuard();
  app.use(/^\/api\/meetings\/[^/]+\/minutes/, json({ limit: '4mb', verify }));
  // An offline tablet's queue of ink (up to 200 ops; an annotation may hold 20,000 points).
  app.use(/^\/api\/annotations\/ops$/, json({ limit: '4mb', verify }));
  app.use(json({ verify }));
  app.setGlobalPrefix(API_PREFIX.slice(1));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  app.enableShutdownHooks();

  // The API's map is not published in production unless asked for (API_DOCS=true).
  if (config.apiDocs) {
    const openApi = new DocumentBuilder()
      .setTitle('phonghop API')
      .setDescription('Phòng họp không giấy và hội nghị trực tuyến — paperless meetings and online conferences')
      .setVersion('0.1.0')
      .addCookieAuth('phonghop_session')
      .build();
    SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi));
  }

  if (webApp) {
    serveWebApp(app, webApp);
    new NestLogger('Bootstrap').log(`Serving the web app from ${webApp.dir}`);
  }
  return app;
}
