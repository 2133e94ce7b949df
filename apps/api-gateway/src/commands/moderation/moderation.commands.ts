import { randomUUID } from 'node:crypto';

import { MessageRpc } from '@im/contracts';
import type { ModerationVerdict } from '@im/contracts';

import { restCommand } from '../../rest/rest-command.model';
import type { RestCommand } from '../../rest/rest-command.model';
import {
  AddCloudAuditKeywordsDto,
  AddLocalAuditKeywordsDto,
  DeleteCloudAuditKeywordsDto,
  DeleteLocalAuditKeywordsDto,
  GetAuditLibsDto,
  GetCloudAuditKeywordsDto,
  GetLocalAuditKeywordsDto,
} from './audit-keywords.dto';
import { BatchContentModerationDto, ContentModerationDto } from './content-moderation.dto';

const MGR = 'im_msg_audit_mgr';
const AUDIT = 'im_msg_audit';

/** Tencent's text moderation result fields of one verdict. */
const verdict = (v: ModerationVerdict) => ({
  Label: v.label,
  Suggestion: v.suggestion,
  Keywords: v.keywords,
  Score: v.score,
});

/**
 * Moderation commands (docs/rest-api.md §9.7): the app's local and cloud keyword lists and
 * text moderation over them, served by the message service. `RequestId` is a fresh UUID.
 */
export const moderationCommands: RestCommand[] = [
  restCommand({
    service: MGR,
    command: 'get_cloud_audit_keywords_ids',
    dto: GetAuditLibsDto,
    subject: MessageRpc.ListAuditLibs,
    toRequest: (d) => ({ sdkAppId: d.SdkAppId, offset: d.Offset, limit: d.Limit }),
    toResponse: (r) => ({
      RequestId: randomUUID(),
      TotalCount: r.total,
      Infos: r.libs.map((l) => ({
        ID: l.id,
        LibName: l.name,
        Describe: l.describe,
        CreateTime: l.createdAt,
        Suggestion: l.suggestion,
      })),
    }),
  }),
  restCommand({
    service: MGR,
    command: 'get_cloud_audit_keywords',
    dto: GetCloudAuditKeywordsDto,
    subject: MessageRpc.ListAuditKeywords,
    toRequest: (d) => ({
      sdkAppId: d.SdkAppId,
      list: 'cloud' as const,
      libId: d.LibID,
      offset: d.Offset,
      limit: d.Limit,
      content: d.Content,
    }),
    toResponse: (r) => ({
      RequestId: randomUUID(),
      TotalCount: r.total,
      Infos: r.keywords.map((k) => ({
        ID: k.id,
        Content: k.content,
        Label: k.label,
        CreateTime: k.createdAt,
      })),
    }),
  }),
  restCommand({
    service: MGR,
    command: 'add_cloud_audit_keywords',
    dto: AddCloudAuditKeywordsDto,
    subject: MessageRpc.AddAuditKeywords,
    toRequest: (d) => ({
      sdkAppId: d.SdkAppId,
      list: 'cloud' as const,
      libId: d.LibID,
      keywords: d.UserKeywords.map((k) => ({ content: k.Content, label: k.Label })),
    }),
    toResponse: () => ({ RequestId: randomUUID() }),
  }),
  restCommand({
    service: MGR,
    command: 'delete_cloud_audit_keywords',
    dto: DeleteCloudAuditKeywordsDto,
    subject: MessageRpc.DeleteAuditKeywords,
    toRequest: (d) => ({
      sdkAppId: d.SdkAppId,
      list: 'cloud' as const,
      libId: d.LibID,
      ids: d.KeywordIDs,
    }),
    toResponse: () => ({ RequestId: randomUUID() }),
  }),
  restCommand({
    service: MGR,
    command: 'get_local_audit_keywords',
    dto: GetLocalAuditKeywordsDto,
    subject: MessageRpc.ListAuditKeywords,
    toRequest: (d) => ({
      sdkAppId: d.SdkAppId,
      list: 'local' as const,
      offset: d.Offset,
      limit: d.Limit,
      content: d.Content,
    }),
    toResponse: (r) => ({
      RequestId: randomUUID(),
      TotalCount: r.total,
      Infos: r.keywords.map((k) => ({ ID: k.id, Content: k.content, CreateTime: k.createdAt })),
    }),
  }),
  restCommand({
    service: MGR,
    command: 'add_local_audit_keywords',
    dto: AddLocalAuditKeywordsDto,
    subject: MessageRpc.AddAuditKeywords,
    toRequest: (d) => ({
      sdkAppId: d.SdkAppId,
      list: 'local' as const,
      keywords: d.UserKeywords.map((k) => ({ content: k.Content, label: k.Label })),
    }),
    toResponse: () => ({ RequestId: randomUUID() }),
  }),
  restCommand({
    service: MGR,
    command: 'delete_local_audit_keywords',
    dto: DeleteLocalAuditKeywordsDto,
    subject: MessageRpc.DeleteAuditKeywords,
    toRequest: (d) => ({ sdkAppId: d.SdkAppId, list: 'local' as const, ids: d.Keywords }),
    toResponse: () => ({ RequestId: randomUUID() }),
  }),
  restCommand({
    service: AUDIT,
    command: 'content_moderation',
    dto: ContentModerationDto,
    subject: MessageRpc.ModerateContents,
    toRequest: (d) => ({
      contents: [{ contentId: 0, contentType: d.ContentType, content: d.Content }],
    }),
    toResponse: (r) => ({ RequestId: randomUUID(), ...verdict(r.results[0]) }),
  }),
  restCommand({
    service: AUDIT,
    command: 'batch_content_moderation',
    dto: BatchContentModerationDto,
    subject: MessageRpc.ModerateContents,
    toRequest: (d) => ({
      contents: d.Contents.map((c) => ({
        contentId: c.ContentId,
        contentType: c.ContentType,
        content: c.Content,
      })),
    }),
    toResponse: (r) => ({
      RequestId: randomUUID(),
      Results: r.results.map((v) => ({ ContentId: v.contentId, ...verdict(v) })),
    }),
  }),
];
