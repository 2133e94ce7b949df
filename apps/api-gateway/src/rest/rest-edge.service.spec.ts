import 'reflect-metadata';

import { Writable } from 'node:stream';

import { AccountRpc, ErrorCode, RemoteError } from '@im/contracts';
import { createLogger, NatsBus, PlatformMetrics, RpcUnavailableError } from '@im/platform';

import type { ApiGatewayConfig } from '../api-gateway.config';
import { accountCommands } from '../commands/account/account.commands';
import type { AppRateLimiter } from './app-rate.guard';
import { CommandTable } from './command-table.model';
import { RestFailure, retryAfterHeader } from './envelope.mapper';
import type { AuthenticatedAdmin, RestAuthenticator, RestQuery } from './rest-auth.guard';
import { parseBody, RestCall, RestEdgeService } from './rest-edge.service';

const APP_ID = 1_400_000_001;

describe(parseBody.name, () => {
  const BAD_JSON = 90001;

  function codeOf(raw: string): number | undefined {
    try {
      parseBody(Buffer.from(raw), BAD_JSON);
      return undefined;
    } catch (err) {
      return (err as RestFailure).code;
    }
  }

  it('treats a missing or empty body as {}', () => {
    expect(parseBody(undefined, BAD_JSON)).toEqual({});
    expect(parseBody(Buffer.alloc(0), BAD_JSON)).toEqual({});
  });

  it('parses a JSON object as UTF-8', () => {
    expect(parseBody(Buffer.from('{"Nick":"李雷","N":1}'), BAD_JSON)).toEqual({
      Nick: '李雷',
      N: 1,
    });
  });

  it.each(['{', '{"a":}', 'not json', '  '])('answers the bad-JSON code for %j', (raw) => {
    expect(codeOf(raw)).toBe(BAD_JSON);
  });

  it.each(['[]', '[{"UserID":"a"}]', '"text"', '42', 'true', 'null'])(
    'answers the bad-JSON code for a body that is not an object: %s',
    (raw) => {
      expect(codeOf(raw)).toBe(BAD_JSON);
    },
  );
});

/** Stand-ins for the pipeline's collaborators; each records what it was asked. */
class FakeAuthenticator {
  failure?: RestFailure;
  settings: { restRateLimitPerSecond?: number } = {};
  queries: RestQuery[] = [];

  authenticate(query: RestQuery): Promise<AuthenticatedAdmin> {
    this.queries.push(query);
    if (this.failure) return Promise.reject(this.failure);
    return Promise.resolve({
      sdkAppId: APP_ID,
      identifier: 'administrator',
      app: {
        sdkAppId: APP_ID,
        status: 'active',
        secretKey: 'k',
        keyVersion: 1,
        adminIdentifiers: ['administrator'],
        settings: this.settings,
      },
    });
  }
}

class FakeRateLimiter {
  isOver = false;
  limits: number[] = [];

  isOverLimit(_sdkAppId: number, limit: number): Promise<boolean> {
    this.limits.push(limit);
    return Promise.resolve(this.isOver);
  }
}

class FakeBus {
  answer: () => unknown = () => ({});
  requests: { subject: string; payload: unknown; options: unknown }[] = [];

  request(subject: string, payload: unknown, options: unknown): Promise<unknown> {
    this.requests.push({ subject, payload, options });
    return Promise.resolve().then(() => this.answer());
  }
}

const config = {
  http: { bodyLimitBytes: 4096 },
  rest: { defaultRateLimitPerSecond: 100, credentialsTtlMs: 30_000 },
} as ApiGatewayConfig;

function makeCall(overrides: Partial<RestCall> & { json?: string } = {}): RestCall {
  const { json, ...rest } = overrides;
  return {
    method: 'POST',
    service: 'im_open_login_svc',
    command: 'account_import',
    query: { sdkappid: String(APP_ID), identifier: 'administrator', usersig: 'sig' },
    body: Buffer.from(json ?? '{"UserID":"u1"}'),
    requestId: 'req-1',
    ...rest,
  };
}

describe(RestEdgeService.name, () => {
  let auth: FakeAuthenticator;
  let limiter: FakeRateLimiter;
  let bus: FakeBus;
  let metrics: PlatformMetrics;
  let sut: RestEdgeService;

  beforeEach(() => {
    auth = new FakeAuthenticator();
    limiter = new FakeRateLimiter();
    bus = new FakeBus();
    metrics = new PlatformMetrics('api-gateway');
    sut = new RestEdgeService(
      new CommandTable(accountCommands),
      auth as unknown as RestAuthenticator,
      limiter as unknown as AppRateLimiter,
      bus as unknown as NatsBus,
      config,
      createLogger('api-gateway', 'test', 'silent'),
      metrics,
    );
  });

  it('sends the mapped request with the caller context and answers the envelope', async () => {
    bus.answer = () => ({ failedUserIds: ['bad'] });
    const envelope = await sut.handle(
      makeCall({ command: 'multiaccount_import', json: '{"Accounts":["a","bad"]}' }),
    );
    expect(envelope).toEqual({
      ActionStatus: 'OK',
      ErrorInfo: '',
      ErrorCode: 0,
      FailAccounts: ['bad'],
    });
    expect(bus.requests).toEqual([
      {
        subject: AccountRpc.ImportMany,
        payload: { accounts: [{ userId: 'a' }, { userId: 'bad' }] },
        options: {
          context: {
            sdkAppId: APP_ID,
            callerId: 'administrator',
            role: 'admin',
            requestId: 'req-1',
          },
        },
      },
    ]);
  });

  it('answers an unknown command with ResourcePathWrong before authentication', async () => {
    const envelope = await sut.handle(makeCall({ command: 'nope', query: {} }));
    expect(envelope.ErrorCode).toBe(ErrorCode.ResourcePathWrong);
    expect(auth.queries).toEqual([]);
  });

  it('looks commands up case-sensitively', async () => {
    const envelope = await sut.handle(makeCall({ command: 'Account_Import' }));
    expect(envelope.ErrorCode).toBe(ErrorCode.ResourcePathWrong);
  });

  it('answers another method than POST with HttpParseFailed before authentication', async () => {
    const envelope = await sut.handle(makeCall({ method: 'GET', body: undefined }));
    expect(envelope.ErrorCode).toBe(ErrorCode.HttpParseFailed);
    expect(auth.queries).toEqual([]);
  });

  it('reads the query case-insensitively', async () => {
    await sut.handle(makeCall({ query: { SdkAppId: '1', IDENTIFIER: 'a', UserSig: ['s', 't'] } }));
    expect(auth.queries).toEqual([{ sdkappid: '1', identifier: 'a', usersig: 's' }]);
  });

  it('authenticates before parsing the body', async () => {
    auth.failure = new RestFailure(ErrorCode.UserSigKeyMismatch, 'bad sig');
    const envelope = await sut.handle(makeCall({ json: '{not json' }));
    expect(envelope).toEqual({
      ActionStatus: 'FAIL',
      ErrorInfo: 'bad sig',
      ErrorCode: ErrorCode.UserSigKeyMismatch,
    });
    expect(limiter.limits).toEqual([]);
  });

  it('refuses a call over the app rate limit before parsing the body', async () => {
    limiter.isOver = true;
    const envelope = await sut.handle(makeCall({ json: '{not json' }));
    expect(envelope.ErrorCode).toBe(ErrorCode.AppRateLimited);
    expect(bus.requests).toEqual([]);
  });

  it("uses the app's own rate limit, else the configured default", async () => {
    await sut.handle(makeCall());
    auth.settings = { restRateLimitPerSecond: 5 };
    await sut.handle(makeCall());
    expect(limiter.limits).toEqual([100, 5]);
  });

  it.each([
    ['im_open_login_svc', 'account_import', ErrorCode.AccountInvalidParameters],
    ['openim', 'query_online_status', ErrorCode.OpenimBodyNotJson],
  ])('answers bad JSON for %s with its code', async (service, command, code) => {
    const envelope = await sut.handle(makeCall({ service, command, json: '{' }));
    expect(envelope.ErrorCode).toBe(code);
  });

  it('answers the code of the broken field rule', async () => {
    const envelope = await sut.handle(
      makeCall({ service: 'openim', command: 'query_online_status', json: '{"To_Account":"a"}' }),
    );
    expect(envelope.ErrorCode).toBe(ErrorCode.ToAccountInvalid);
    expect(bus.requests).toEqual([]);
  });

  it('applies the aliases of the command', async () => {
    await sut.handle(makeCall({ command: 'kick', json: '{"Identifier":"u9"}' }));
    expect(bus.requests[0].payload).toEqual({ userId: 'u9' });
  });

  it('passes on the code of a domain error of the backend', async () => {
    bus.answer = () => {
      throw new RemoteError(ErrorCode.AccountNotImported, 'not imported', AccountRpc.Kick);
    };
    const envelope = await sut.handle(makeCall({ command: 'kick' }));
    expect(envelope).toEqual({
      ActionStatus: 'FAIL',
      ErrorInfo: 'not imported',
      ErrorCode: ErrorCode.AccountNotImported,
    });
  });

  it('answers a busy backend with 60018 and its RetryAfterMs', async () => {
    bus.answer = () => {
      throw new RemoteError(
        ErrorCode.TooManyRequests,
        'account is overloaded; retry later',
        AccountRpc.Kick,
        250,
      );
    };
    const envelope = await sut.handle(makeCall({ command: 'kick' }));
    expect(envelope).toEqual({
      ActionStatus: 'FAIL',
      ErrorInfo: 'account is overloaded; retry later',
      ErrorCode: ErrorCode.TooManyRequests,
      RetryAfterMs: 250,
    });
    expect(retryAfterHeader(envelope)).toBe('1');
  });

  it.each([
    ['im_open_login_svc', 'account_import', ErrorCode.AccountBackendTimeout],
    ['openim', 'query_online_status', ErrorCode.OpenimServiceError],
  ])('answers the unavailable code of %s when nobody answers', async (service, command, code) => {
    bus.answer = () => {
      throw new RpcUnavailableError(AccountRpc.Import, 'no-responders');
    };
    const body = service === 'openim' ? '{"To_Account":["a"]}' : '{"UserID":"a"}';
    const envelope = await sut.handle(makeCall({ service, command, json: body }));
    expect(envelope.ErrorCode).toBe(code);
  });

  it.each([
    ['a foreign error without a code', new RemoteError(-1, 'odd', AccountRpc.Import)],
    ['an unexpected exception', new TypeError('x is not a function')],
  ])('answers the internal code of the service for %s', async (_name, err) => {
    bus.answer = () => {
      throw err;
    };
    const envelope = await sut.handle(makeCall());
    expect(envelope).toEqual({
      ActionStatus: 'FAIL',
      ErrorInfo: 'internal error',
      ErrorCode: ErrorCode.AccountInternalError,
    });
  });

  it('counts every answer by service, command and code', async () => {
    await sut.handle(makeCall());
    await sut.handle(makeCall({ command: 'nope' }));
    const text = await metrics.registry.metrics();
    expect(text).toContain(
      'im_rest_requests_total{service="im_open_login_svc",command="account_import",code="0"',
    );
    expect(text).toContain(
      'im_rest_requests_total{service="unknown",command="unknown",code="60009"',
    );
  });

  it('logs a repeated refusal a few times a minute, counting every one', async () => {
    let text = '';
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        text += chunk.toString();
        done();
      },
    });
    const logged = new RestEdgeService(
      new CommandTable(accountCommands),
      auth as unknown as RestAuthenticator,
      limiter as unknown as AppRateLimiter,
      bus as unknown as NatsBus,
      config,
      createLogger('api-gateway', 'test', 'info', stream),
      (metrics = new PlatformMetrics('api-gateway')),
    );
    for (let i = 0; i < 50; i++) await logged.handle(makeCall({ command: 'nope', query: {} }));
    expect(text.split('\n').filter((l) => l.includes('rest call refused'))).toHaveLength(5);
    expect(await metrics.registry.metrics()).toContain(
      'im_rest_requests_total{service="unknown",command="unknown",code="60009"} 50',
    );
  });

  describe('transportFailure', () => {
    it.each([
      ['im_open_login_svc', ErrorCode.HttpParseFailed],
      ['openim', ErrorCode.C2cPacketTooLarge],
      ['group_open_http_svc', ErrorCode.MessageBodyTooLong],
      ['all_member_push', ErrorCode.PushBodyTooLarge],
      ['no_such_service', ErrorCode.HttpParseFailed],
    ])('answers a body over the limit for %s with %d', (service, code) => {
      expect(sut.transportFailure(service, 'too-large')).toEqual({
        ActionStatus: 'FAIL',
        ErrorInfo: 'request body is larger than 4096 bytes',
        ErrorCode: code,
      });
    });

    it('answers an unreadable request with HttpParseFailed', () => {
      expect(sut.transportFailure('openim', 'unreadable').ErrorCode).toBe(
        ErrorCode.HttpParseFailed,
      );
    });
  });
});
