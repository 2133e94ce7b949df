import { ArgumentsHost, BadRequestException, NotFoundException } from '@nestjs/common';

import { ErrorCode } from '@im/contracts';
import { createLogger } from '@im/platform';

import { Envelope, fail } from './envelope.mapper';
import type { RestEdgeService } from './rest-edge.service';
import { RestExceptionFilter } from './rest-exception.filter';

/** The FastifyReply calls the filter makes, recorded. */
class FakeReply {
  statusCode?: number;
  headers: Record<string, string> = {};
  body?: Envelope;

  status(code: number): this {
    this.statusCode = code;
    return this;
  }
  header(name: string, value: string): this {
    this.headers[name] = value;
    return this;
  }
  hasHeader(name: string): boolean {
    return name in this.headers;
  }
  send(body: Envelope): this {
    this.body = body;
    return this;
  }
}

const TOO_LARGE = 1;
const UNREADABLE = 2;
const edge = {
  transportFailure: (service: string, reason: 'too-large' | 'unreadable') =>
    fail(reason === 'too-large' ? TOO_LARGE : UNREADABLE, `service=${service}`),
} as RestEdgeService;

/** An error as Fastify raises it before the route handler runs. */
function fastifyError(code: string, statusCode: number): Error {
  return Object.assign(new Error(code), { code, statusCode });
}

describe(RestExceptionFilter.name, () => {
  const logger = createLogger('api-gateway', 'test', 'silent');
  const sut = new RestExceptionFilter(edge, logger);

  function run(exception: unknown, url: string, headers: Record<string, string> = {}) {
    const reply = new FakeReply();
    const req = { method: 'POST', url, headers };
    const host = {
      switchToHttp: () => ({ getRequest: () => req, getResponse: () => reply }),
    } as unknown as ArgumentsHost;
    sut.catch(exception, host);
    return reply;
  }

  it('answers an unknown path outside /v4 with its HTTP status and an envelope', () => {
    const reply = run(new NotFoundException(), '/nope?x=1');
    expect(reply.statusCode).toBe(404);
    expect(reply.body).toEqual({
      ActionStatus: 'FAIL',
      ErrorInfo: 'no such resource: POST /nope',
      ErrorCode: ErrorCode.ResourcePathWrong,
    });
  });

  it.each(['/v4/a/b/c?sdkappid=1', '/v4/only', '/v4', '/v4/'])(
    'answers an unknown path under /v4 (%s) with HTTP 200',
    (url) => {
      const reply = run(new NotFoundException(), url);
      expect(reply.statusCode).toBe(200);
      expect(reply.body?.ErrorCode).toBe(ErrorCode.ResourcePathWrong);
    },
  );

  it('does not take /v4x paths for /v4', () => {
    expect(run(new NotFoundException(), '/v4x/a/b').statusCode).toBe(404);
  });

  it("answers a body over the limit with the service's code", () => {
    const reply = run(
      fastifyError('FST_ERR_CTP_BODY_TOO_LARGE', 413),
      '/v4/openim/query_online_status?sdkappid=1',
    );
    expect(reply.statusCode).toBe(200);
    expect(reply.body).toEqual(fail(TOO_LARGE, 'service=openim'));
  });

  it('answers a request Fastify could not read as unreadable, not as an internal error', () => {
    const error = jest.spyOn(logger, 'error');
    const reply = run(
      fastifyError('FST_ERR_CTP_INVALID_CONTENT_LENGTH', 400),
      '/v4/im_open_login_svc/account_import',
    );
    expect(reply.statusCode).toBe(200);
    expect(reply.body).toEqual(fail(UNREADABLE, 'service=im_open_login_svc'));
    expect(error).not.toHaveBeenCalled();
  });

  it('answers a Nest 4xx as unreadable', () => {
    const reply = run(new BadRequestException(), '/v4/openim/querystate');
    expect(reply.body).toEqual(fail(UNREADABLE, 'service=openim'));
  });

  it('answers anything else with RequestTimedOut, logged; HTTP 500 outside /v4', () => {
    const error = jest.spyOn(logger, 'error');
    const inside = run(new TypeError('boom'), '/v4/openim/querystate');
    expect(inside.statusCode).toBe(200);
    expect(inside.body?.ErrorCode).toBe(ErrorCode.RequestTimedOut);
    expect(run('not even an error', '/elsewhere').statusCode).toBe(500);
    expect(error).toHaveBeenCalledTimes(2);
  });

  it("echoes the caller's x-request-id, or creates one", () => {
    const given = run(new NotFoundException(), '/nope', { 'x-request-id': 'abc-1' });
    expect(given.headers['x-request-id']).toBe('abc-1');
    const created = run(new NotFoundException(), '/nope');
    expect(created.headers['x-request-id']).toMatch(/^[\w.:-]{1,128}$/);
  });

  it('keeps an x-request-id the controller already set', () => {
    const reply = new FakeReply().header('x-request-id', 'from-controller');
    const req = { method: 'POST', url: '/v4/a/b', headers: { 'x-request-id': 'other' } };
    sut.catch(new TypeError('late failure'), {
      switchToHttp: () => ({ getRequest: () => req, getResponse: () => reply }),
    } as unknown as ArgumentsHost);
    expect(reply.headers['x-request-id']).toBe('from-controller');
  });
});
