import { Inject, Injectable } from '@nestjs/common';
import type { Counter, Histogram } from 'prom-client';

import { ErrorCode, RemoteError } from '@im/contracts';
import {
  LogThrottle,
  NatsBus,
  PLATFORM_CONFIG,
  PLATFORM_LOGGER,
  PlatformMetrics,
  RpcUnavailableError,
} from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import type { ApiGatewayConfig } from '../api-gateway.config';
import { AppRateLimiter } from './app-rate.guard';
import { BodyDepthMax, findUnsafeValue, jsonDepthExceeds } from './body-shape.rules';
import { CommandTable } from './command-table.model';
import { applyAliases, validateDto } from './dto-validation.rules';
import { Envelope, fail, ok, RestFailure } from './envelope.mapper';
import { readQuery, RestAuthenticator } from './rest-auth.guard';
import { GatewayCodes, RestServiceCodes, RestServices } from './rest-services.rules';

export const COMMAND_TABLE = Symbol('COMMAND_TABLE');

export interface RestCall {
  method: string;
  service: string;
  command: string;
  query: Record<string, unknown>;
  /** The raw body; JSON is parsed only after authentication (docs/rest-api.md §1.2 step 4). */
  body: Buffer | undefined;
  requestId: string;
  /** `scheme://host[:port]` the call came to (links in replies); '' when unknown. */
  baseUrl?: string;
}

/**
 * The /v4 pipeline: command lookup, authentication, per-app rate limit, JSON, aliases, DTO
 * validation, the NATS request, and the spec envelope for every outcome.
 */
@Injectable()
export class RestEdgeService {
  private readonly requests: Counter<'service' | 'command' | 'code'>;
  private readonly seconds: Histogram<'service' | 'command'>;
  private readonly refusals = new LogThrottle();

  constructor(
    @Inject(COMMAND_TABLE) private readonly commands: CommandTable,
    private readonly auth: RestAuthenticator,
    private readonly rateLimiter: AppRateLimiter,
    private readonly bus: NatsBus,
    @Inject(PLATFORM_CONFIG) private readonly config: ApiGatewayConfig,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
    metrics: PlatformMetrics,
  ) {
    this.requests = metrics.counter(
      'im_rest_requests_total',
      'REST calls per service, command and answered ErrorCode',
      ['service', 'command', 'code'],
    );
    this.seconds = metrics.histogram(
      'im_rest_request_seconds',
      'Time to answer a REST call, per service and command',
      ['service', 'command'],
      [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    );
  }

  async handle(call: RestCall): Promise<Envelope> {
    const row = this.commands.find(call.service, call.command);
    const labels = row
      ? { service: call.service, command: call.command }
      : { service: 'unknown', command: 'unknown' };
    const end = this.seconds.startTimer(labels);
    const codes = RestServices[call.service] ?? GatewayCodes;
    let envelope: Envelope;
    try {
      envelope = await this.run(call, codes);
    } catch (err) {
      envelope = this.toFailure(err, codes, call);
    }
    end();
    this.requests.inc({ ...labels, code: String(envelope.ErrorCode) });
    if (envelope.ErrorCode !== 0) this.logRefusal(labels, call, envelope);
    return envelope;
  }

  /**
   * A refused call, logged at most a few times a minute per command and code: a client that
   * repeats a bad request cannot flood the log (the counter above still counts every one).
   */
  private logRefusal(
    labels: { service: string; command: string },
    call: RestCall,
    envelope: Envelope,
  ): void {
    const { log, suppressed } = this.refusals.admit(
      `${labels.service}/${labels.command}/${envelope.ErrorCode}`,
    );
    if (!log) return;
    this.logger.info(
      {
        service: call.service,
        command: call.command,
        code: envelope.ErrorCode,
        info: envelope.ErrorInfo,
        ...(suppressed > 0 && { suppressedBefore: suppressed }),
      },
      'rest call refused',
    );
  }

  /** The envelope for a body the HTTP layer refused before the pipeline (too large, unreadable). */
  transportFailure(service: string, reason: 'too-large' | 'unreadable'): Envelope {
    const codes = RestServices[service] ?? GatewayCodes;
    return reason === 'too-large'
      ? fail(codes.tooLarge, `request body is larger than ${this.config.http.bodyLimitBytes} bytes`)
      : fail(ErrorCode.HttpParseFailed, 'the HTTP request could not be parsed');
  }

  private async run(call: RestCall, codes: RestServiceCodes): Promise<Envelope> {
    const row = this.commands.find(call.service, call.command);
    if (!row)
      throw new RestFailure(
        ErrorCode.ResourcePathWrong,
        `unknown command /v4/${call.service}/${call.command}`,
      );
    if (call.method !== 'POST')
      throw new RestFailure(ErrorCode.HttpParseFailed, 'only POST is supported');

    const admin = await this.auth.authenticate(readQuery(call.query));
    const limit =
      admin.app.settings.restRateLimitPerSecond ?? this.config.rest.defaultRateLimitPerSecond;
    if (await this.rateLimiter.isOverLimit(admin.sdkAppId, limit)) {
      throw new RestFailure(
        ErrorCode.AppRateLimited,
        `more than ${limit} REST calls per second for this app`,
      );
    }

    const body = parseBody(call.body, codes.badJson);
    const unsafe = findUnsafeValue(body);
    if (unsafe) throw new RestFailure(codes.invalid, unsafe);
    const dto = validateDto(row.dto, applyAliases(body, row.aliases), codes.invalid);
    const reply = await this.bus.request(row.subject, row.toRequest(dto), {
      context: {
        sdkAppId: admin.sdkAppId,
        callerId: admin.identifier,
        role: 'admin',
        requestId: call.requestId,
      },
    });
    return ok(
      row.toResponse(reply, dto, {
        baseUrl: this.config.http.publicUrl || call.baseUrl || '',
        app: admin.app,
        identifier: admin.identifier,
        nowSeconds: Math.floor(Date.now() / 1000),
      }),
    );
  }

  private toFailure(err: unknown, codes: RestServiceCodes, call: RestCall): Envelope {
    if (err instanceof RestFailure) return fail(err.code, err.message);
    if (err instanceof RemoteError) {
      if (err.code > 0) return fail(err.code, err.message, err.retryAfterMs);
      this.logger.error(
        { subject: err.subject, err: err.message },
        'backend answered without a code',
      );
      return fail(codes.internal, 'internal error');
    }
    if (err instanceof RpcUnavailableError) {
      this.logger.warn({ subject: err.subject, reason: err.reason }, 'backend unavailable');
      return fail(codes.unavailable, 'the service did not answer in time, retry');
    }
    this.logger.error({ err, service: call.service, command: call.command }, 'rest call failed');
    return fail(codes.internal, 'internal error');
  }
}

/**
 * The body as a JSON object. An empty body counts as `{}` (clients send `{}` for commands
 * without parameters); anything else that is not a JSON object is `badJsonCode`.
 */
export function parseBody(raw: Buffer | undefined, badJsonCode: number): Record<string, unknown> {
  if (!raw || raw.length === 0) return {};
  const text = raw.toString('utf8');
  if (jsonDepthExceeds(text)) {
    throw new RestFailure(badJsonCode, `the body nests deeper than ${BodyDepthMax} levels`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new RestFailure(badJsonCode, 'Fail to parse json data of body, please check it');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RestFailure(badJsonCode, 'the body must be a JSON object');
  }
  return value as Record<string, unknown>;
}
