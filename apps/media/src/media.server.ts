import { createServer } from 'node:http';
import type { RequestListener } from 'node:http';

import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';

import { natsConnectionOptions, PinoNestLogger, PlatformNatsServer } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import type { MediaConfig } from './media.config';
import { MediaModule } from './media.module';
import { MEDIA_RPC_CODES } from './media-rpc.filter';

const CORS_EXPOSED = 'content-length, content-range, accept-ranges, content-disposition';

/**
 * Starts the media HTTP port on Fastify. Bodies are not parsed: the upload handler reads the
 * request stream itself (its size is bounded by the kind's limit, not by a body limit).
 */
export async function startMediaServer(
  config: MediaConfig,
  logger: PlatformLogger,
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    trustProxy: config.http.trustProxy,
    // a download token is one path segment of ~150 characters (claimedMediaLink caps it at 300)
    maxParamLength: 320,
    serverFactory: (handler: RequestListener) =>
      createServer(
        {
          requestTimeout: config.http.requestTimeoutMs,
          headersTimeout: 30_000,
          connectionsCheckingInterval: 1000,
          keepAliveTimeout: 65_000,
        },
        handler,
      ),
    logger: false,
  });
  const fastify = adapter.getInstance();
  // `Expect: 100-continue` is answered by the upload handler once the upload passed its checks
  // (MediaController), not at once as Node would.
  fastify.server.on('checkContinue', (req, res) => fastify.server.emit('request', req, res));
  // Browsers upload and download from the app's own origin (docs/protocol.md §14.3): every
  // answer may be read by any origin — the credentials are in the URL, never in cookies — and
  // the preflight of an upload (its Content-Type, a Range) is answered here.
  fastify.addHook('onRequest', async (req, res) => {
    void res.header('access-control-allow-origin', '*');
    void res.header('access-control-expose-headers', CORS_EXPOSED);
    if (req.method === 'OPTIONS' && req.url.startsWith('/media/v1/'))
      await res
        .status(204)
        .header('access-control-allow-methods', 'GET, POST')
        .header('access-control-allow-headers', 'content-type, range, x-request-id')
        .header('access-control-max-age', '600')
        .send();
  });
  fastify.removeAllContentTypeParsers();
  // Leave the body in the request stream: the upload handler pipes it into the store.
  fastify.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined));

  const app = await NestFactory.create<NestFastifyApplication>(
    MediaModule.forRoot(config, logger),
    adapter,
    { logger: new PinoNestLogger(logger), bodyParser: false },
  );
  // The REST edge's im_cos_msg commands arrive over NATS (media.rpc.*, queue group `media`),
  // served by the same app as the HTTP port.
  const nats = new PlatformNatsServer(
    { ...natsConnectionOptions(config.nats.servers), name: config.nodeId, queue: config.service },
    { maxInFlight: config.nats.maxInFlight, maxQueued: config.nats.maxQueued },
  );
  nats.replyTooLargeCode = MEDIA_RPC_CODES.invalid;
  app.connectMicroservice({ strategy: nats }, { inheritAppConfig: false });
  try {
    await app.startAllMicroservices();
    await nats.flushSubscriptions();
    await app.listen(config.http.port, config.http.host);
  } catch (err) {
    await app.close().catch(() => undefined);
    throw err;
  }
  logger.info({ port: config.http.port, host: config.http.host }, 'media HTTP listening');
  return app;
}
