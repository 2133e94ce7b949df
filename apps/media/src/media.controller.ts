import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { ErrorCode, HttpRequestIdHeader } from '@im/contracts';
import { PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { MediaAuthenticator, MediaAuthError } from './media-auth.service';
import { httpStatusOf, MediaError } from './media.errors';
import { MediaService } from './media.service';

function queryOf(req: FastifyRequest): Record<string, string | undefined> {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries((req.query ?? {}) as Record<string, unknown>)) {
    const text: unknown = Array.isArray(value) ? (value as unknown[])[0] : value;
    if (typeof text === 'string' && text.length <= 1024) query[key.toLowerCase()] = text;
  }
  return query;
}

function header(req: FastifyRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The media HTTP port (docs/protocol.md §14): `POST /media/v1/upload` streams a body into the
 * store, `GET /media/v1/download/<token>` streams it back. Answers and refusals are JSON
 * `{ ActionStatus, ErrorCode, ErrorInfo, ... }` like the REST API's.
 */
@Controller('media/v1')
export class MediaController {
  constructor(
    private readonly auth: MediaAuthenticator,
    private readonly media: MediaService,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  @Post('upload')
  async upload(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    try {
      const query = queryOf(req);
      const user = await this.auth.authenticate(query);
      const result = await this.media.upload(user, {
        kind: query.kind,
        contentType: header(req, 'content-type'),
        contentLength: header(req, 'content-length'),
        fileName: query.name,
        second: query.second,
        body: req.raw,
        baseUrl: `${req.protocol}://${req.host}`,
        // A client that sent `Expect: 100-continue` sends the body only now (refusals
        // before this point cost it no upload).
        accepted: () => {
          if (/100-continue/i.test(header(req, 'expect') ?? '')) reply.raw.writeContinue();
        },
      });
      await reply.status(200).send({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ...result });
    } catch (err) {
      // The client may still be sending: answer, then close rather than read what is left.
      void reply.header('connection', 'close');
      await this.fail(req, reply, err);
    }
  }

  @Get('download/:token')
  async download(
    @Param('token') token: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    try {
      const file = await this.media.download(token, header(req, 'range'));
      void reply
        .status(file.range ? 206 : 200)
        .header('content-type', file.contentType)
        .header('content-length', String(file.size))
        .header('accept-ranges', 'bytes')
        .header('cache-control', 'private, max-age=3600');
      if (file.range)
        void reply.header(
          'content-range',
          `bytes ${file.range.start}-${file.range.end}/${file.total}`,
        );
      if (file.fileName)
        void reply.header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        );
      await reply.send(file.body);
    } catch (err) {
      await this.fail(req, reply, err);
    }
  }

  private async fail(req: FastifyRequest, reply: FastifyReply, err: unknown): Promise<void> {
    let error: MediaError;
    if (err instanceof MediaError) error = err;
    else {
      this.logger.error({ err, path: req.routeOptions.url }, 'media request failed');
      error = new MediaError(ErrorCode.MediaStorageFailed, 'internal error, retry');
    }
    await reply
      .status(httpStatusOf(error.category, error.code, error instanceof MediaAuthError))
      .header(HttpRequestIdHeader, header(req, HttpRequestIdHeader) ?? '')
      .send({ ActionStatus: 'FAIL', ErrorCode: error.code, ErrorInfo: error.message });
  }
}
