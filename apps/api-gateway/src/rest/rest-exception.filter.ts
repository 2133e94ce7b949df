import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { ErrorCode, HttpRequestIdHeader } from '@im/contracts';
import type { PlatformLogger } from '@im/platform';

import { Envelope, fail } from './envelope.mapper';
import type { RestEdgeService } from './rest-edge.service';
import { requestIdOf } from './rest.controller';

const V4_PATH = /^\/v4(?:[/?]|$)/;
const V4_SERVICE = /^\/v4\/([^/?]+)/;

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
    const isV4 = isV4Path(req.url);
    const service = V4_SERVICE.exec(req.url)?.[1] ?? '';
    const status = exception instanceof HttpException ? exception.getStatus() : statusOf(exception);
    const fastifyCode = (exception as { code?: unknown } | null)?.code;
    let envelope;
    if (fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) {
      envelope = this.edge.transportFailure(service, 'too-large');
    } else if (status === 404) {
      envelope = unknownPath(req.method, req.url);
    } else if (status >= 400 && status < 500) {
      envelope = this.edge.transportFailure(service, 'unreadable');
    } else {
      this.logger.error({ err: exception }, 'unhandled HTTP error');
      envelope = fail(ErrorCode.RequestTimedOut, 'internal error, retry');
    }
    // Refused before the controller ran: the request id is still accepted or created.
    if (!reply.hasHeader(HttpRequestIdHeader))
      void reply.header(HttpRequestIdHeader, requestIdOf(req));
    void reply.status(isV4 ? 200 : status).send(envelope);
  }
}

/** /v4 and what is below it: answered with HTTP 200 whatever happened (docs/rest-api.md §1.3). */
export function isV4Path(url: string): boolean {
  return V4_PATH.test(url);
}

/** The envelope of a path that names no command. */
export function unknownPath(method: string, url: string): Envelope {
  return fail(ErrorCode.ResourcePathWrong, `no such resource: ${method} ${url.split('?')[0]}`);
}

/** Fastify's own errors (body too large, bad content length) carry their HTTP status. */
function statusOf(exception: unknown): number {
  const status = (exception as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' && status >= 400 && status <= 599 ? status : 500;
}
