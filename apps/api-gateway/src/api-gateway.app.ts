import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';

import { PinoNestLogger, PlatformLogger } from '@im/platform';

import type { ApiGatewayConfig } from './api-gateway.config';
import { ApiGatewayModule } from './api-gateway.module';
import { RestEdgeService } from './rest/rest-edge.service';
import { RestExceptionFilter } from './rest/rest-exception.filter';

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
    keepAliveTimeout: 65_000,
    logger: false,
  });
  const fastify = adapter.getInstance();
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
  await app.listen(config.http.port, config.http.host);
  logger.info({ port: config.http.port, host: config.http.host }, 'REST API listening');
  return app;
}
