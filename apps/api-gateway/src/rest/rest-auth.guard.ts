import { Inject, Injectable } from '@nestjs/common';

import { AppCredentialsReply, ErrorCode } from '@im/contracts';
import { AppRegistryCache, RpcUnavailableError } from '@im/platform';
import { revokedByKick, UserSigVerifier } from '@im/usersig';

import { AdminRevocationCache } from './admin-revocation.cache';
import { RestFailure } from './envelope.mapper';

/** The five query parameters of every call (docs/rest-api.md §1.1), names matched case-insensitively. */
export interface RestQuery {
  sdkappid?: string;
  identifier?: string;
  usersig?: string;
  random?: string;
  contenttype?: string;
}

export interface AuthenticatedAdmin {
  sdkAppId: number;
  identifier: string;
  app: AppCredentialsReply;
}

export function readQuery(raw: Record<string, unknown>): RestQuery {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    const text: unknown = Array.isArray(value) ? (value as unknown[])[0] : value;
    if (typeof text === 'string') query[key.toLowerCase()] = text;
  }
  return query;
}

/** What the authenticator asks about kicks (AdminRevocationCache). */
export interface AdminRevocations {
  revokedBefore(sdkAppId: number, userId: string): Promise<number>;
}

/**
 * Authentication and authorisation of a REST call in the order of docs/rest-api.md §1.2: the app
 * (missing 60012, malformed 60006, unknown 70020, disabled 60016), the UserSig (docs/usersig.md §5
 * codes), the caller must be one of the app's admin identifiers (60010), and its UserSig not
 * issued before its last kick (70052, the WebSocket login's rule; looked up for admins only).
 */
@Injectable()
export class RestAuthenticator {
  private readonly verifier = new UserSigVerifier({ maxEntries: 10_000 });

  constructor(
    private readonly credentials: AppRegistryCache,
    @Inject(AdminRevocationCache) private readonly revocations: AdminRevocations,
  ) {}

  async authenticate(
    query: RestQuery,
    nowSeconds = Math.floor(Date.now() / 1000),
  ): Promise<AuthenticatedAdmin> {
    const sdkAppIdText = query.sdkappid?.trim();
    if (!sdkAppIdText)
      throw new RestFailure(ErrorCode.SdkAppIdMissing, 'sdkappid is missing from the URL');
    if (
      !/^\d{1,10}$/.test(sdkAppIdText) ||
      Number(sdkAppIdText) < 1 ||
      Number(sdkAppIdText) > 0xffffffff
    ) {
      throw new RestFailure(
        ErrorCode.SdkAppIdInvalid,
        'sdkappid must be an unsigned 32-bit integer',
      );
    }
    const sdkAppId = Number(sdkAppIdText);
    const identifier = query.identifier ?? '';
    if (!identifier)
      throw new RestFailure(
        ErrorCode.AccountOrSignatureWrong,
        'identifier is missing from the URL',
      );

    let app: AppCredentialsReply | undefined;
    try {
      app = await this.credentials.get(sdkAppId);
    } catch (err) {
      if (err instanceof RpcUnavailableError) {
        throw new RestFailure(
          ErrorCode.RequestTimedOut,
          'the account service did not answer, retry',
        );
      }
      throw err;
    }
    if (!app)
      throw new RestFailure(ErrorCode.SdkAppIdNotFound, `SDKAppID ${sdkAppId} does not exist`);
    if (app.status !== 'active')
      throw new RestFailure(ErrorCode.SdkAppIdDisabled, `SDKAppID ${sdkAppId} is disabled`);

    const result = this.verifier.verify({
      userSig: query.usersig ?? '',
      sdkAppId,
      identifier,
      secretKey: app.secretKey,
      nowSeconds,
    });
    if (!result.ok) throw new RestFailure(result.code, result.reason);
    if (!app.adminIdentifiers.includes(identifier)) {
      throw new RestFailure(
        ErrorCode.AppAdminRequired,
        `${identifier} is not an App admin of ${sdkAppId}`,
      );
    }
    let revokedBefore: number;
    try {
      revokedBefore = await this.revocations.revokedBefore(sdkAppId, identifier);
    } catch {
      throw new RestFailure(ErrorCode.RequestTimedOut, 'the account service did not answer, retry');
    }
    const revoked = revokedByKick(result.claims, revokedBefore);
    if (revoked) {
      throw new RestFailure(revoked.code, 'this UserSig was issued before a kick; sign a new one');
    }
    return { sdkAppId, identifier, app };
  }
}
