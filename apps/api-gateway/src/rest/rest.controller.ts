import { All, Controller, HttpCode, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { HttpRequestIdHeader } from '@im/contracts';
import { newRequestId, runWithRequestContext } from '@im/platform';

import { Envelope, retryAfterHeader } from './envelope.mapper';
import { RestEdgeService } from './rest-edge.service';

/** `/v4/{service}/{command}`: every outcome is HTTP 200 with the spec envelope. */
@Controller()
export class RestController {
  constructor(private readonly edge: RestEdgeService) {}

  @All('v4/:service/:command')
  @HttpCode(200)
  call(
    @Param('service') service: string,
    @Param('command') command: string,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Envelope> {
    const requestId = requestIdOf(req);
    void reply.header(HttpRequestIdHeader, requestId);
    return runWithRequestContext({ requestId }, async () => {
      const envelope = await this.edge.handle({
        method: req.method,
        service,
        command,
        query: req.query as Record<string, unknown>,
        body: Buffer.isBuffer(req.body) ? req.body : undefined,
        requestId,
        baseUrl: baseUrlOf(req),
      });
      // a busy answer: HTTP clients and proxies that know Retry-After see it too
      const retryAfter = retryAfterHeader(envelope);
      if (retryAfter) void reply.header('retry-after', retryAfter);
      return envelope;
    });
  }
}

/** The caller's `x-request-id` when it is a sane token, else a new one. */
export function requestIdOf(req: FastifyRequest): string {
  const given = req.headers[HttpRequestIdHeader];
  const value = Array.isArray(given) ? given[0] : given;
  return value && /^[\w.:-]{1,128}$/.test(value) ? value : newRequestId();
}

/** `scheme://host[:port]` of the request (X-Forwarded-* only when the proxy is trusted). */
export function baseUrlOf(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}
