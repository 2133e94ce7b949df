import { Inject, Injectable } from '@nestjs/common';

import { ErrorCode, MediaLimits, MediaObjectStatus } from '@im/contracts';
import type {
  CallerContext,
  DownloadLinkItem,
  DownloadLinkResult,
  GetDownloadLinksReply,
} from '@im/contracts';
import { PLATFORM_CONFIG, PLATFORM_LOGGER } from '@im/platform';
import type { PlatformLogger } from '@im/platform';

import { MediaAuthenticator } from './media-auth.service';
import type { MediaConfig } from './media.config';
import { MediaError } from './media.errors';
import { mediaBaseOfUrl, mediaTokenOfUrl, mediaUrl, verifyMediaToken } from './media-link.rules';
import type { MediaLink } from './media-link.rules';
import { MediaRepository } from './media.repository';

/**
 * The app backend's `im_cos_msg` commands (docs/rest-api.md §9.10) over the media store: an
 * upload is named by one of its download URLs, which must be a link this app's key signed
 * (expired or not); another app's link, an altered one or any other URL is 95007, so an app
 * can neither forbid nor read another app's media.
 */
@Injectable()
export class MediaAdminService {
  constructor(
    private readonly auth: MediaAuthenticator,
    private readonly repository: MediaRepository,
    @Inject(PLATFORM_CONFIG) private readonly config: MediaConfig,
    @Inject(PLATFORM_LOGGER) private readonly logger: PlatformLogger,
  ) {}

  /** `forbid_illegal_object`: the upload's links answer 95009 until allowed again. */
  async forbid(caller: CallerContext, rawUrl: string): Promise<void> {
    const link = await this.linkOf(caller, rawUrl);
    if (!(await this.repository.setForbidden(caller.sdkAppId, link.uuid, new Date())))
      throw new MediaError(ErrorCode.MediaNotFound, 'no such media');
    this.logger.info({ sdkAppId: caller.sdkAppId, uuid: link.uuid }, 'media forbidden');
  }

  /** `allow_banned_object`: clears the forbidden mark (allowing an allowed upload is no error). */
  async allow(caller: CallerContext, rawUrl: string): Promise<void> {
    const link = await this.linkOf(caller, rawUrl);
    if (!(await this.repository.setForbidden(caller.sdkAppId, link.uuid, null)))
      throw new MediaError(ErrorCode.MediaNotFound, 'no such media');
    this.logger.info({ sdkAppId: caller.sdkAppId, uuid: link.uuid }, 'media allowed');
  }

  /**
   * `get_cos_sig`: per URL, the upload's status and a link valid 15 minutes to the same
   * rendition that reads it even when forbidden (Tencent's `PreSigURL`); a URL that is not one
   * of this app's links gets its own Code and no link, the others are still answered.
   */
  async getDownloadLinks(
    caller: CallerContext,
    items: DownloadLinkItem[],
  ): Promise<GetDownloadLinksReply> {
    const app = await this.auth.appOf(caller.sdkAppId);
    const now = Math.floor(Date.now() / 1000);
    const results: DownloadLinkResult[] = [];
    for (const item of items) {
      const link = this.verify(caller, app.secretKey, item.rawUrl, now);
      if (!link.ok) {
        results.push({
          resourceId: item.resourceId,
          code: link.error.code,
          desc: link.error.message,
          preSignedUrl: '',
          status: MediaObjectStatus.Missing,
        });
        continue;
      }
      const row = await this.repository.findObject(caller.sdkAppId, link.link.uuid);
      const stored = row?.renditions.some((r) => r.rendition === link.link.rendition);
      if (!row || !stored) {
        results.push({
          resourceId: item.resourceId,
          code: 0,
          desc: 'no such media',
          preSignedUrl: '',
          status: MediaObjectStatus.Missing,
        });
        continue;
      }
      const base = this.config.http.publicUrl || mediaBaseOfUrl(item.rawUrl);
      results.push({
        resourceId: item.resourceId,
        code: 0,
        desc: '',
        preSignedUrl: mediaUrl(base, app.secretKey, {
          sdkAppId: caller.sdkAppId,
          uuid: link.link.uuid,
          rendition: link.link.rendition,
          expires: now + MediaLimits.preSignedLinkSeconds,
          readsForbidden: true,
        }),
        status: row.forbiddenAt ? MediaObjectStatus.Forbidden : MediaObjectStatus.Normal,
      });
    }
    return { results };
  }

  private async linkOf(caller: CallerContext, rawUrl: string): Promise<MediaLink> {
    const app = await this.auth.appOf(caller.sdkAppId);
    const verdict = this.verify(caller, app.secretKey, rawUrl, Math.floor(Date.now() / 1000));
    if (!verdict.ok) throw verdict.error;
    return verdict.link;
  }

  /** The link a URL carries when it is this app's, signed with its key (expiry ignored). */
  private verify(
    caller: CallerContext,
    secretKey: string,
    rawUrl: string,
    now: number,
  ): { ok: true; link: MediaLink } | { ok: false; error: MediaError } {
    const token = mediaTokenOfUrl(rawUrl);
    if (!token)
      return {
        ok: false,
        error: new MediaError(ErrorCode.MediaLinkInvalid, 'not a download URL of this platform'),
      };
    const verdict = verifyMediaToken(token, secretKey, now, { ignoreExpiry: true });
    if (!verdict.ok || verdict.link.sdkAppId !== caller.sdkAppId)
      return {
        ok: false,
        error: new MediaError(ErrorCode.MediaLinkInvalid, 'not a download link of this app'),
      };
    return { ok: true, link: verdict.link };
  }
}
