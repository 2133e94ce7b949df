import { createServer } from 'node:http';
import type { RequestListener } from 'node:http';

import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

import { HttpRequestIdHeader } from '@im/contracts';
import {
  AppRegistryCache,
  markStarted,
  NatsBus,
  PinoNestLogger,
  PlatformLogger,
} from '@im/platform';

import type { ApiGatewayConfig } from './api-gateway.config';
import { ApiGatewayModule } from './api-gateway.module';
import { consolePlugin, DEFAULT_CONSOLE_DIR } from './console/console.controller';
import { limitConnections } from './rest/connection-limits.guard';
import { COMMAND_TABLE, RestEdgeService } from './rest/rest-edge.service';
import type { CommandTable } from './rest/command-table.model';
import { ConsoleAdminCommands } from './console/console-admin.service';
import { isV4Path, RestExceptionFilter, unknownPath } from './rest/rest-exception.filter';
import { requestIdOf } from './rest/rest.controller';

/**
 * Creates and starts the REST edge on Fastify. Bodies are read as raw bytes whatever their
 * content type: the JSON is parsed only after authentication, and its errors get the service's
 * code instead of an HTTP 400.
 */
export async function startApiGateway(
  config: ApiGatewayConfig,
  logger: PlatformLogger,
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.http.bodyLimitBytes,
    trustProxy: config.http.trustProxy,
    // Headers and body must all have arrived within the request timeout (Node's default lets
    // a stalled body hold its connection for 300 s), checked every second rather than every 30.
    serverFactory: (handler: RequestListener) =>
      createServer(
        {
          requestTimeout: config.http.requestTimeoutMs,
          headersTimeout: config.http.requestTimeoutMs,
          connectionsCheckingInterval: Math.min(1000, config.http.requestTimeoutMs),
          keepAliveTimeout: 65_000,
        },
        handler,
      ),
    logger: false,
    // Paths the router refuses before Nest sees them (bad %-encoding, a segment longer than
    // maxParamLength) name no command either: same envelope as an unknown path.
    frameworkErrors: (_error: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
      void reply
        .status(isV4Path(req.url) ? 200 : 404)
        .header(HttpRequestIdHeader, requestIdOf(req))
        .send(unknownPath(req.method, req.url));
    },
  });
  const fastify = adapter.getInstance();
  limitConnections(fastify.server, config.http);
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  const app = await NestFactory.create<NestFastifyApplication>(
    ApiGatewayModule.forRoot(config, logger),
    adapter,
    {
      logger: new PinoNestLogger(logger),
      bodyParser: false,
    },
  );
  app.useGlobalFilters(new RestExceptionFilter(app.get(RestEdgeService), logger));
  // the admin console (its API and its page) in its own Fastify context: it parses JSON
  const bus = app.get<NatsBus>(NatsBus);
  await fastify.register(consolePlugin, {
    bus,
    admin: new ConsoleAdminCommands(
      bus,
      app.get<CommandTable>(COMMAND_TABLE),
      app.get(AppRegistryCache),
      config.http.publicUrl,
    ),
    logger,
    staticDir: DEFAULT_CONSOLE_DIR,
    version: process.env.npm_package_version ?? '0.1.0',
  });
  try {
    await app.listen(config.http.port, config.http.host);
  } catch (err) {
    // e.g. the port is taken: release NATS, Redis and the ops port before failing.
    await app.close().catch(() => undefined);
    throw err;
  }
  markStarted(app); // serving: /ready may say so
  logger.info({ port: config.http.port, host: config.http.host }, 'REST API listening');
  return app;
}
