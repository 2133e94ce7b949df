import { Injectable } from '@nestjs/common';

import { ErrorCode, isPrivileged, MessageLimits } from '@im/contracts';
import type {
  AddAuditKeywordsRequest,
  CallerContext,
  DeleteAuditKeywordsRequest,
  ListAuditKeywordsReply,
  ListAuditKeywordsRequest,
  ListAuditLibsReply,
  ListAuditLibsRequest,
  ModerateContentsReply,
  ModerateContentsRequest,
} from '@im/contracts';
import { SensitiveWordsCache } from '@im/platform';

import { AuditKeywordsRepository } from './audit-keywords.repository';
import { DirtyWordsRepository } from './dirty-words.repository';
import { MessageError } from './message.errors';
import { checkModeratedContent, verdictOf } from './moderation.rules';
import type { AuditKeyword } from './moderation.rules';

/**
 * Moderation commands (im_msg_audit_mgr, im_msg_audit): the app's two keyword lists — the
 * "local" one is the app's sensitive words (openim_dirty_words: it also filters messages,
 * profiles, groups and the relation chain), the "cloud" ones are keyword libraries used by
 * content moderation only — and text moderation over both, with the platform's sensitive-word
 * engine.
 */
@Injectable()
export class ModerationService {
  constructor(
    private readonly libs: AuditKeywordsRepository,
    private readonly localWords: DirtyWordsRepository,
    private readonly matchers: SensitiveWordsCache,
  ) {}

  async listLibs(caller: CallerContext, req: ListAuditLibsRequest): Promise<ListAuditLibsReply> {
    assertAdmin(caller, req.sdkAppId);
    return this.libs.findLibs(caller.sdkAppId, req.offset, req.limit);
  }

  async listKeywords(
    caller: CallerContext,
    req: ListAuditKeywordsRequest,
  ): Promise<ListAuditKeywordsReply> {
    assertAdmin(caller, req.sdkAppId);
    const { sdkAppId } = caller;
    if (req.list === 'local') {
      const page = await this.localWords.findPage(sdkAppId, req.offset, req.limit, req.content);
      return {
        total: page.total,
        keywords: page.words.map((w) => ({
          id: w.word,
          content: w.word,
          label: 'Custom',
          createdAt: w.createdAt,
        })),
      };
    }
    const libId = await this.lib(sdkAppId, req.libId);
    return this.libs.findKeywords(sdkAppId, libId, req.offset, req.limit, req.content);
  }

  async addKeywords(caller: CallerContext, req: AddAuditKeywordsRequest): Promise<void> {
    assertAdmin(caller, req.sdkAppId);
    const { sdkAppId } = caller;
    if (req.keywords.length > MessageLimits.auditKeywordsPerCall)
      throw new MessageError(
        ErrorCode.AuditKeywordsPerCallExceeded,
        `at most ${MessageLimits.auditKeywordsPerCall} keywords per call`,
      );
    for (const k of req.keywords)
      if (
        k.content.trim() === '' ||
        Buffer.byteLength(k.content) > MessageLimits.auditKeywordMaxBytes
      )
        throw new MessageError(ErrorCode.AuditInvalidParameters, 'a keyword is empty or too long');
    if (req.list === 'local') {
      const words = [...new Set(req.keywords.map((k) => k.content))];
      if (!(await this.localWords.add(sdkAppId, words, MessageLimits.dirtyWordsMax)))
        throw new MessageError(
          ErrorCode.AuditInvalidParameters,
          `an app has at most ${MessageLimits.dirtyWordsMax} local keywords`,
        );
      await this.matchers.announceChange(sdkAppId, 'added');
      return;
    }
    const libId = await this.lib(sdkAppId, req.libId);
    const unique = new Map(req.keywords.map((k) => [k.content, k.label ?? 'Custom']));
    const added = await this.libs.addKeywords(
      sdkAppId,
      libId,
      [...unique].map(([content, label]) => ({ content, label })),
      MessageLimits.auditKeywordsPerLib,
    );
    if (!added)
      throw new MessageError(
        ErrorCode.AuditInvalidParameters,
        `a library holds at most ${MessageLimits.auditKeywordsPerLib} keywords`,
      );
  }

  async deleteKeywords(caller: CallerContext, req: DeleteAuditKeywordsRequest): Promise<void> {
    assertAdmin(caller, req.sdkAppId);
    const { sdkAppId } = caller;
    if (req.list === 'local') {
      await this.localWords.delete(sdkAppId, [...new Set(req.ids)]);
      await this.matchers.announceChange(sdkAppId, 'deleted');
      return;
    }
    const libId = await this.lib(sdkAppId, req.libId);
    await this.libs.deleteKeywords(sdkAppId, libId, [...new Set(req.ids)]);
  }

  async moderate(
    caller: CallerContext,
    req: ModerateContentsRequest,
  ): Promise<ModerateContentsReply> {
    assertAdmin(caller);
    const ids = req.contents.map((c) => c.contentId);
    if (new Set(ids).size !== ids.length)
      throw new MessageError(ErrorCode.AuditInvalidParameters, 'ContentId values repeat');
    for (const c of req.contents) checkModeratedContent(c.contentType, c.content);
    const { sdkAppId } = caller;
    const keywords: AuditKeyword[] = [
      ...(await this.localWords.findAll(sdkAppId)).map((content) => ({
        content,
        label: 'Custom',
        suggestion: 'Block' as const,
      })),
      ...(await this.libs.findAllKeywords(sdkAppId)),
    ];
    return { results: req.contents.map((c) => verdictOf(c.contentId, c.content, keywords)) };
  }

  /** The named cloud library of the app (2003 when it has none of that id). */
  private async lib(sdkAppId: number, libId: string | undefined): Promise<string> {
    if (!libId || !(await this.libs.libExists(sdkAppId, libId)))
      throw new MessageError(ErrorCode.AuditInvalidParameters, 'no such keyword library');
    return libId;
  }
}

function assertAdmin(caller: CallerContext, sdkAppId?: number): void {
  if (!isPrivileged(caller))
    throw new MessageError(ErrorCode.AuditNoPermission, 'moderation is for the App admin');
  if (sdkAppId !== undefined && sdkAppId !== caller.sdkAppId)
    throw new MessageError(ErrorCode.AuditInvalidParameters, 'SdkAppId is not the caller’s app');
}
