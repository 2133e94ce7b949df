import { Injectable } from '@nestjs/common';

import { ErrorCode } from '@im/contracts';
import type { AppCredentialsReply } from '@im/contracts';
import { AppRegistryCache, RpcUnavailableError } from '@im/platform';
import { revokedByKick, UserSigVerifier } from '@im/usersig';

import { MediaError } from './media.errors';
import { UploadRevocationCache } from './upload-revocation.cache';

export interface MediaUser {
  sdkAppId: number;
  userId: string;
  app: AppCredentialsReply;
}

/** A failed login: answered 401 with the UserSig's code (docs/usersig.md §5). */
export class MediaAuthError extends MediaError {}

/**
 * Who uploads: `sdkappid`, `identifier` and `usersig` in the query, checked as the REST edge
 * checks them (app missing 60012, malformed 60006, unknown 70020, disabled 60016, then the
 * UserSig's own codes) — but any user of the app, not only its admins. A UserSig issued before
 * the user's last kick is refused with 70052 (docs/usersig.md §5 step 10), as the WebSocket login
 * refuses it.
 */
@Injectable()
export class MediaAuthenticator {
  private readonly verifier = new UserSigVerifier({ maxEntries: 50_000 });

  constructor(
    private readonly apps: AppRegistryCache,
    private readonly revocations: UploadRevocationCache,
  ) {}

  async authenticate(
    query: Record<string, string | undefined>,
    nowSeconds = Math.floor(Date.now() / 1000),
  ): Promise<MediaUser> {
    const sdkAppIdText = query.sdkappid?.trim();
    if (!sdkAppIdText)
      throw new MediaAuthError(ErrorCode.SdkAppIdMissing, 'sdkappid is missing from the URL');
    const sdkAppId = Number(sdkAppIdText);
    if (!/^\d{1,10}$/.test(sdkAppIdText) || sdkAppId < 1 || sdkAppId > 0xffffffff)
      throw new MediaAuthError(
        ErrorCode.SdkAppIdInvalid,
        'sdkappid must be an unsigned 32-bit integer',
      );
    const userId = query.identifier ?? '';
    if (!userId)
      throw new MediaAuthError(
        ErrorCode.AccountOrSignatureWrong,
        'identifier is missing from the URL',
      );
    const app = await this.appOf(sdkAppId);
    const result = this.verifier.verify({
      userSig: query.usersig ?? '',
      sdkAppId,
      identifier: userId,
      secretKey: app.secretKey,
      nowSeconds,
    });
    if (!result.ok) throw new MediaAuthError(result.code, result.reason);
    let revokedBefore: number;
    try {
      revokedBefore = await this.revocations.revokedBefore(sdkAppId, userId);
    } catch {
      throw new MediaError(ErrorCode.RequestTimedOut, 'the account service did not answer, retry');
    }
    const revoked = revokedByKick(result.claims, revokedBefore);
    if (revoked)
      throw new MediaAuthError(
        revoked.code,
        'this UserSig was issued before a kick; sign a new one',
      );
    return { sdkAppId, userId, app };
  }

  /** The app (active) or a refusal. */
  async appOf(sdkAppId: number): Promise<AppCredentialsReply> {
    let app: AppCredentialsReply | undefined;
    try {
      app = await this.apps.get(sdkAppId);
    } catch (err) {
      if (err instanceof RpcUnavailableError)
        throw new MediaError(
          ErrorCode.RequestTimedOut,
          'the account service did not answer, retry',
        );
      throw err;
    }
    if (!app)
      throw new MediaAuthError(ErrorCode.SdkAppIdNotFound, `SDKAppID ${sdkAppId} does not exist`);
    if (app.status !== 'active')
      throw new MediaAuthError(ErrorCode.SdkAppIdDisabled, `SDKAppID ${sdkAppId} is disabled`);
    return app;
  }
}
