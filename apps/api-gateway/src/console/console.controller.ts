import path from 'node:path';

import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { categoryOf, ErrorCode, HttpRequestIdHeader, RemoteError } from '@im/contracts';
import type { ErrorCategory } from '@im/contracts';
import { RpcUnavailableError } from '@im/platform';
import type { NatsBus, PlatformLogger } from '@im/platform';

import { RestFailure } from '../rest/envelope.mapper';
import { requestIdOf } from '../rest/rest.controller';
import {
  cookie,
  CsrfCookie,
  CsrfHeader,
  parseCookies,
  SessionCookie,
} from './console-cookies.util';
import type { ConsoleAdminCommands } from './console-admin.service';
import { buildConsoleOpenApi } from './console-openapi.mapper';
import { loadConsolePage } from './console-page.util';
import { ConsoleApiPrefix, CONSOLE_ROUTES } from './console.commands';
import type { ConsoleCall, ConsoleResult, ConsoleRoute, ConsoleSession } from './console.commands';

/** Where the console's built page is (apps/console/dist beside this app's dist). */
export const DEFAULT_CONSOLE_DIR = path.resolve(__dirname, '..', '..', '..', 'console', 'dist');

class ConsoleFailure extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const STATUS_BY_CODE: Partial<Record<number, number>> = {
  [ErrorCode.ConsoleSessionInvalid]: 401,
  [ErrorCode.ConsoleLoginFailed]: 401,
  [ErrorCode.ConsoleLoginThrottled]: 429,
  [ErrorCode.ConsoleCsrfInvalid]: 403,
};

const STATUS_BY_CATEGORY: Record<ErrorCategory, number> = {
  ok: 200,
  invalid: 400,
  not_found: 404,
  conflict: 409,
  forbidden: 403,
  unavailable: 503,
  internal: 500,
};

export function consoleStatusOf(code: number): number {
  return STATUS_BY_CODE[code] ?? STATUS_BY_CATEGORY[categoryOf(code)];
}

export interface ConsoleOptions {
  bus: NatsBus;
  admin: ConsoleAdminCommands;
  logger: PlatformLogger;
  /** The built SPA; not served when the directory is missing (the API still is). */
  staticDir: string;
  version: string;
}

/**
 * The admin console on the REST port: the JSON API under `/console/api` (from the route table,
 * which also makes its OpenAPI document) and the built single-page app under `/console`.
 */
export function consolePlugin(
  fastify: FastifyInstance,
  options: ConsoleOptions,
  done: (err?: Error) => void,
): void {
  const { bus, logger } = options;
  const document = buildConsoleOpenApi(CONSOLE_ROUTES, options.version);
  const sessions = new WeakMap<FastifyRequest, ConsoleSession>();

  // this context parses JSON (the /v4 edge reads raw bytes); bodies stay within bodyLimit
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    if (body === '') return done(null, {});
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(new ConsoleFailure(ErrorCode.ConsoleInvalidRequest, 'the body is not JSON'), undefined);
    }
  });

  fastify.setErrorHandler((err: FastifyError | ConsoleFailure, req, reply) => {
    const { code, message } = toFailure(err, logger);
    void reply
      .status(consoleStatusOf(code))
      .header(HttpRequestIdHeader, requestIdOf(req))
      .header('cache-control', 'no-store')
      .send({ code, message });
  });

  for (const route of CONSOLE_ROUTES) {
    fastify.route({
      method: route.method,
      url: `${ConsoleApiPrefix}${route.path}`,
      schema: {
        ...(route.params && { params: route.params }),
        ...(route.query && { querystring: route.query }),
        ...(route.body && { body: route.body }),
      },
      // the session is checked before the body is even read: no session, no parsing
      onRequest: (req, _reply, done) => {
        try {
          if (route.auth !== 'none') sessions.set(req, sessionOf(route, req));
          done();
        } catch (err) {
          done(err as Error);
        }
      },
      handler: async (req, reply) => {
        const result = await route.handle(callOf(req, bus, options.admin, sessions.get(req)));
        setSessionCookies(reply, req, result);
        return reply
          .header(HttpRequestIdHeader, requestIdOf(req))
          .header('cache-control', 'no-store')
          .send(result.body);
      },
    });
  }
  fastify.get(`${ConsoleApiPrefix}/openapi.json`, async (_req, reply) => reply.send(document));

  const page = loadConsolePage(options.staticDir);
  if (!page) {
    logger.warn({ staticDir: options.staticDir }, 'console page not built; serving its API only');
    done();
    return;
  }
  fastify.get('/console', (_req, reply) => reply.redirect('/console/'));
  // a built file by its exact path; any other path under /console is a client-side route
  // (/console/apps, /console/audit) and gets the page; unknown API paths a JSON 404
  fastify.get('/console/*', (req, reply) => {
    const urlPath = req.url.split('?')[0];
    if (urlPath.startsWith(`${ConsoleApiPrefix}/`)) {
      return reply
        .status(404)
        .send({ code: ErrorCode.ConsoleInvalidRequest, message: 'no such console API route' });
    }
    const file = page.get(urlPath.slice('/console/'.length)) ?? page.get('index.html')!;
    return (
      reply
        .header('content-type', file.contentType)
        .header('cache-control', file.cacheControl)
        .header('x-content-type-options', 'nosniff')
        // antd styles are injected at run time (inline styles); scripts only from this origin
        .header(
          'content-security-policy',
          "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
        )
        .send(file.body)
    );
  });
  done();
}

function callOf(
  req: FastifyRequest,
  bus: NatsBus,
  admin: ConsoleAdminCommands,
  session?: ConsoleSession,
): ConsoleCall {
  return {
    body: (req.body ?? {}) as Record<string, unknown>,
    query: (req.query ?? {}) as Record<string, unknown>,
    params: (req.params ?? {}) as Record<string, string>,
    session,
    clientIp: req.ip,
    requestId: requestIdOf(req),
    bus,
    admin,
  };
}

/** The session cookie and CSRF header of a call; refused when missing (or, on a write, no CSRF). */
function sessionOf(route: ConsoleRoute, req: FastifyRequest): ConsoleSession {
  const cookies = parseCookies(req.headers.cookie);
  const sessionToken = cookies.get(SessionCookie);
  if (!sessionToken || !/^[0-9a-f]{64}$/.test(sessionToken)) {
    throw new ConsoleFailure(ErrorCode.ConsoleSessionInvalid, 'not logged in');
  }
  const header = req.headers[CsrfHeader];
  const csrfToken =
    typeof header === 'string' && /^[0-9a-f]{64}$/.test(header) ? header : undefined;
  if (route.auth === 'write' && !csrfToken) {
    throw new ConsoleFailure(
      ErrorCode.ConsoleCsrfInvalid,
      `a write needs the ${CsrfHeader} header`,
    );
  }
  return { sessionToken, csrfToken, clientIp: req.ip };
}

function setSessionCookies(reply: FastifyReply, req: FastifyRequest, result: ConsoleResult): void {
  if (!result.session) return;
  const secure = req.protocol === 'https';
  const [session, csrf, maxAgeSeconds] =
    result.session === 'clear'
      ? ['', '', 0]
      : [result.session.sessionToken, result.session.csrfToken, result.session.maxAgeSeconds];
  void reply.header('set-cookie', [
    cookie(SessionCookie, session, { httpOnly: true, secure, maxAgeSeconds }),
    cookie(CsrfCookie, csrf, { httpOnly: false, secure, maxAgeSeconds }),
  ]);
}

function toFailure(err: unknown, logger: PlatformLogger): { code: number; message: string } {
  if (err instanceof ConsoleFailure || err instanceof RestFailure) {
    return { code: err.code, message: err.message };
  }
  if (err instanceof RemoteError && err.code > 0) return { code: err.code, message: err.message };
  if (err instanceof RpcUnavailableError) {
    logger.warn({ subject: err.subject, reason: err.reason }, 'backend unavailable');
    return {
      code: ErrorCode.AccountBackendTimeout,
      message: 'the service did not answer in time, retry',
    };
  }
  const fe = err as FastifyError;
  if (fe.validation) return { code: ErrorCode.ConsoleInvalidRequest, message: fe.message };
  if (typeof fe.statusCode === 'number' && fe.statusCode < 500) {
    return { code: ErrorCode.ConsoleInvalidRequest, message: fe.message };
  }
  logger.error({ err }, 'console call failed');
  return { code: ErrorCode.AccountInternalError, message: 'internal error' };
}
