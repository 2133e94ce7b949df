import type { WebSocket } from 'ws';

import { ErrorCode, RemoteError } from '@im/contracts';
import type { AppRegistryCache, NatsBus } from '@im/platform';
import { createLogger } from '@im/platform';
import { signUserSig } from '@im/usersig';

import type { ConnGatewayConfig } from '../conn-gateway.config';
import { AddressLimits } from '../ws/address-limits.store';
import { LoginService } from './login.service';
import type { PresenceWriter } from './presence.store';
import { Session } from './session.model';
import { SessionRegistry } from './session-registry.store';

const SDK_APP_ID = 1400000001;
const SECRET = 'secret-key-of-the-test-app';

describe(LoginService.name, () => {
  let accountAnswer: () => Promise<unknown>;
  let sut: LoginService;

  beforeEach(() => {
    socketState = 1;
    const credentials = {
      get: () => Promise.resolve({ secretKey: SECRET, status: 'active', settings: {} }),
    } as unknown as AppRegistryCache;
    const bus = {
      request: () => accountAnswer(),
      emit: () => Promise.resolve(),
      publishDirect: () => undefined,
      asService: (sdkAppId: number) => ({
        context: { sdkAppId, role: 'service', callerId: 'conn-gateway' },
      }),
    } as unknown as NatsBus;
    const presence = {
      sessionsOf: () => Promise.resolve([]),
      register: () => Promise.resolve(),
      forgetDeparture: () => Promise.resolve(),
    } as unknown as PresenceWriter;
    const config = {
      service: 'conn-gateway',
      nodeId: 'gw-test',
      ws: { heartbeatIntervalMs: 30_000 },
    } as unknown as ConnGatewayConfig;
    sut = new LoginService(
      credentials,
      bus,
      presence,
      new SessionRegistry(),
      new AddressLimits({ connectionsPerAddress: 10, guestsPerAddress: 10 }),
      config,
      createLogger('conn-gateway', 'gw-test', 'silent'),
    );
  });

  let socketState: number;
  const login = () =>
    sut.login(
      new Session('conn-1', {
        OPEN: 1,
        get readyState() {
          return socketState;
        },
      } as WebSocket),
      {
        sdkAppId: SDK_APP_ID,
        userId: 'alice',
        platform: 'Web',
        userSig: signUserSig({
          sdkAppId: SDK_APP_ID,
          secretKey: SECRET,
          identifier: 'alice',
          expireSeconds: 3600,
        }),
      },
    );

  it('logs in when the account service admits the user', async () => {
    accountAnswer = () => Promise.resolve({ created: false, revokedBefore: 0 });

    await expect(login()).resolves.toMatchObject({ connId: 'conn-1', nodeId: 'gw-test' });
  });

  it('answers "retry" (60008) when the account service reports a store trouble, so the client tries again', async () => {
    accountAnswer = () =>
      Promise.reject(
        new RemoteError(ErrorCode.AccountBackendTimeout, 'a backend store is unavailable', 'x'),
      );

    await expect(login()).rejects.toMatchObject({ code: ErrorCode.RequestTimedOut });
  });

  it('does not register a login whose connection closed meanwhile (the client gave up on it)', async () => {
    accountAnswer = () => {
      socketState = 3; // CLOSED while the account service answered
      return Promise.resolve({ created: false, revokedBefore: 0 });
    };

    await expect(login()).rejects.toMatchObject({ code: ErrorCode.RequestTimedOut });
  });

  it('passes a refusal of the account service on as it is', async () => {
    accountAnswer = () =>
      Promise.reject(new RemoteError(ErrorCode.AccountNotImported, 'not imported', 'x'));

    await expect(login()).rejects.toMatchObject({ code: ErrorCode.AccountNotImported });
  });
});
