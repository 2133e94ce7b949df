import { randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';

import {
  AccountRpc,
  ConnEvt,
  ConnSubjects,
  DeliveryBatch,
  ErrorCode,
  isValidSdkAppId,
  isValidUserId,
  LoginResult,
  Platforms,
  PushCommands,
  RemoteError,
} from '@im/contracts';
import type { LoginData, MultiLoginPolicy, Platform } from '@im/contracts';
import {
  AppRegistryCache,
  NatsBus,
  PLATFORM_CONFIG,
  PLATFORM_LOGGER,
  RpcUnavailableError,
} from '@im/platform';
import type { PlatformLogger } from '@im/platform';
import { revokedByKick, UserSigVerifier } from '@im/usersig';

import type { ConnGatewayConfig } from '../conn-gateway.config';
import { ConnGatewayError } from '../conn-gateway.errors';
import { AddressLimits } from '../ws/address-limits.store';
import { sessionsToEnd } from './multi-login.rules';
import { PresenceWriter } from './presence.store';
import type { Session } from './session.model';
import { SessionRegistry } from './session-registry.store';

/**
 * Login of a connection (docs/protocol.md §3): the app, the UserSig (docs/usersig.md order and
 * codes), revocation by kick and account creation on first login (account service), the
 * multi-login policy across every gateway node, then the session is registered in presence.
 */
@Injectable()
export class LoginService {
  private readonly verifier = new UserSigVerifier({ maxEntries: 50_000 });

  constructor(
    private readonly credentials: AppRegistryCache,
    private readonly bus: NatsBus,
    private readonly presence: PresenceWriter,
    private readonly registry: SessionRegistry,
    private readonly addresses: AddressLimits,
    @Inject(PLATFORM_CONFIG) private readonly config: ConnGatewayConfig,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  get presenceTtlMs(): number {
    return this.config.ws.heartbeatIntervalMs * 3;
  }

  async login(session: Session, data: unknown): Promise<LoginResult> {
    const login = parseLogin(data);
    const app = await this.appOf(login.sdkAppId);
    session.platform = login.platform;
    session.sdkAppId = login.sdkAppId;
    if (login.guest) {
      // Checked and counted in one synchronous step: a socket closed meanwhile takes no slot.
      if (!session.isOpen)
        throw new ConnGatewayError(ErrorCode.RequestTimedOut, 'the connection closed during login');
      if (!this.addresses.admitGuest(session.address))
        throw new ConnGatewayError(
          ErrorCode.TooManyRequests,
          'too many guest sessions from this address; retry later',
        );
      session.isGuest = true;
      session.isLoggedIn = true;
      session.since = Date.now();
      return this.result(session, []);
    }
    const userId = login.userId ?? '';
    const verified = this.verifier.verify({
      userSig: login.userSig ?? '',
      sdkAppId: login.sdkAppId,
      identifier: userId,
      secretKey: app.secretKey,
    });
    if (!verified.ok) throw new ConnGatewayError(verified.code, verified.reason);
    const state = await this.accountLogin(
      login.sdkAppId,
      userId,
      app.settings.autoCreateAccountOnLogin ?? true,
    );
    // the same rule as the REST edge for admins (docs/usersig.md §5 step 10)
    const revoked = revokedByKick(verified.claims, state.revokedBefore);
    if (revoked)
      throw new ConnGatewayError(
        revoked.code,
        'this UserSig was issued before a kick; sign a new one',
      );

    // The client gave up on this login (its socket closed while the account service answered):
    // registering it now would end the session of the client's next attempt (multi-login).
    if (!session.isOpen)
      throw new ConnGatewayError(ErrorCode.RequestTimedOut, 'the connection closed during login');
    const kickedPlatforms = await this.open(
      session,
      login,
      userId,
      app.settings.multiLoginPolicy ?? 'per-platform',
    );
    return this.result(session, kickedPlatforms);
  }

  /** The account's login state, created on first login when the app allows it. */
  private accountLogin(sdkAppId: number, userId: string, createIfMissing: boolean) {
    return this.bus
      .request(AccountRpc.Login, { userId, createIfMissing }, this.bus.asService(sdkAppId))
      .catch((err: unknown) => {
        // The account service answered that its store was too slow or failed: a passing
        // trouble, not a refused login — the client tries again (60008) instead of giving up.
        if (
          err instanceof RemoteError &&
          (err.category === 'unavailable' || err.category === 'internal')
        )
          throw new ConnGatewayError(
            ErrorCode.RequestTimedOut,
            'the account service could not answer, retry',
          );
        throw err;
      });
  }

  /**
   * A verified session becomes the user's: registered here and in presence, the sessions the
   * app's multi-login policy ends are ended wherever they are, and `conn.evt.session-opened`
   * says so. The platforms kicked.
   */
  private async open(
    session: Session,
    { sdkAppId, platform }: LoginData,
    userId: string,
    policy: MultiLoginPolicy,
  ): Promise<Platform[]> {
    session.userId = userId;
    session.since = Date.now();
    session.isLoggedIn = true;
    this.registry.bind(session);
    const existing = await this.presence.sessionsOf(sdkAppId, userId);
    const ended = sessionsToEnd(policy, platform, existing, session.connId);
    this.endElsewhere(
      sdkAppId,
      userId,
      ended.map((s) => ({ nodeId: s.nodeId, connId: s.connId })),
    );
    await this.presence.register(session, this.config.nodeId, this.presenceTtlMs);
    await this.presence.forgetDeparture(sdkAppId, userId, platform);
    const kickedPlatforms = [...new Set(ended.map((s) => s.platform))];
    await this.bus.emit(ConnEvt.SessionOpened, {
      sdkAppId,
      userId,
      platform,
      connId: session.connId,
      nodeId: this.config.nodeId,
      kickedPlatforms,
    });
    this.logger.info({ sdkAppId, userId, platform, kickedPlatforms }, 'logged in');
    return kickedPlatforms;
  }

  private result(session: Session, kickedPlatforms: Platform[]): LoginResult {
    return {
      connId: session.connId,
      nodeId: this.config.nodeId,
      heartbeatIntervalMs: this.config.ws.heartbeatIntervalMs,
      serverTime: Date.now(),
      kickedPlatforms,
    };
  }

  /** Asks the nodes holding the older sessions to end them (they push `kicked` and close 4001). */
  private endElsewhere(
    sdkAppId: number,
    userId: string,
    sessions: { nodeId: string; connId: string }[],
  ): void {
    const byNode = new Map<string, string[]>();
    for (const s of sessions) byNode.set(s.nodeId, [...(byNode.get(s.nodeId) ?? []), s.connId]);
    for (const [nodeId, connIds] of byNode) {
      const batch: DeliveryBatch = {
        items: [
          { sdkAppId, userId, connIds, cmd: PushCommands.Kicked, data: { reason: 'multi-login' } },
        ],
      };
      this.bus.publishDirect(ConnSubjects.deliver(nodeId), batch);
    }
  }

  private async appOf(sdkAppId: number) {
    try {
      const app = await this.credentials.get(sdkAppId);
      if (!app)
        throw new ConnGatewayError(
          ErrorCode.SdkAppIdNotFound,
          `SDKAppID ${sdkAppId} does not exist`,
        );
      if (app.status !== 'active')
        throw new ConnGatewayError(ErrorCode.SdkAppIdDisabled, `SDKAppID ${sdkAppId} is disabled`);
      return app;
    } catch (err) {
      if (err instanceof RpcUnavailableError) {
        throw new ConnGatewayError(
          ErrorCode.RequestTimedOut,
          'the account service did not answer, retry',
        );
      }
      if (err instanceof RemoteError) {
        const refusal = new ConnGatewayError(err.code, err.message);
        refusal.retryAfterMs = err.retryAfterMs; // a busy account service: when to come back
        throw refusal;
      }
      throw err;
    }
  }
}

/** The `login` data, checked field by field. */
export function parseLogin(data: unknown): LoginData {
  const d = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  if (!isValidSdkAppId(d.sdkAppId))
    throw new ConnGatewayError(
      ErrorCode.SdkAppIdInvalid,
      'sdkAppId must be an unsigned 32-bit integer',
    );
  if (typeof d.platform !== 'string' || !(Platforms as readonly string[]).includes(d.platform)) {
    throw new ConnGatewayError(
      ErrorCode.AccountInvalidParameters,
      `platform must be one of ${Platforms.join(', ')}`,
    );
  }
  if (d.guest === true)
    return { sdkAppId: d.sdkAppId, platform: d.platform as Platform, guest: true };
  if (!isValidUserId(d.userId))
    throw new ConnGatewayError(ErrorCode.AccountInvalidParameters, 'userId must be 1..32 bytes');
  if (typeof d.userSig !== 'string' || d.userSig === '')
    throw new ConnGatewayError(ErrorCode.UserSigEmpty, 'userSig is empty');
  return {
    sdkAppId: d.sdkAppId,
    userId: d.userId,
    userSig: d.userSig,
    platform: d.platform as Platform,
  };
}

export function newConnId(): string {
  return randomUUID();
}
