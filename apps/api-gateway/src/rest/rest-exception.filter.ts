import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { ErrorCode } from '@im/contracts';
import type { PlatformLogger } from '@im/platform';

import { fail } from './envelope';
import type { RestEdgeService } from './rest-edge.service';

const V4_PATH = /^\/v4\/([^/?]+)\/([^/?]+)/;

/**
 * Whatever escapes the pipeline (unknown paths, bodies refused by the HTTP layer) still gets
 * the spec envelope; under /v4 with HTTP 200, elsewhere with the HTTP status.
 */
@Catch()
export class RestExceptionFilter implements ExceptionFilter {
  constructor(
    private readonly edge: RestEdgeService,
    private readonly logger: PlatformLogger,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const match = V4_PATH.exec(req.url);
    const status = exception instanceof HttpException ? exception.getStatus() : 500;
    const fastifyCode = (exception as { code?: string }).code;
    let envelope;
    if (fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) {
      envelope = this.edge.transportFailure(match?.[1] ?? '', 'too-large');
    } else if (status === 404) {
      envelope = fail(
        ErrorCode.ResourcePathWrong,
        `no such resource: ${req.method} ${req.url.split('?')[0]}`,
      );
    } else if (status >= 400 && status < 500) {
      envelope = this.edge.transportFailure(match?.[1] ?? '', 'unreadable');
    } else {
      this.logger.error({ err: exception }, 'unhandled HTTP error');
      envelope = fail(ErrorCode.RequestTimedOut, 'internal error, retry');
    }
    void reply.status(match ? 200 : status === 500 ? 500 : status).send(envelope);
  }
}
