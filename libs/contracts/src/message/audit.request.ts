import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

import { MessageLimits } from './msg-element';

/** Which keyword list: `local` (the app's sensitive words) or a `cloud` library by id. */
export type AuditList = 'local' | 'cloud';

/** im_msg_audit_mgr/get_cloud_audit_keywords_ids: the app's cloud keyword libraries. */
export class ListAuditLibsRequest {
  /** The body's `SdkAppId`: must be the caller's app (2003 otherwise). */
  @IsInt()
  @Min(0)
  @Max(2 ** 53)
  sdkAppId!: number;

  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset!: number;

  @IsInt()
  @Min(1)
  @Max(MessageLimits.auditPageMax)
  limit!: number;
}

/** get_cloud_audit_keywords / get_local_audit_keywords: a page, optionally by substring. */
export class ListAuditKeywordsRequest {
  /** The body's `SdkAppId`: must be the caller's app (2003 otherwise). */
  @IsInt()
  @Min(0)
  @Max(2 ** 53)
  sdkAppId!: number;

  @IsIn(['local', 'cloud'])
  list!: AuditList;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  libId?: string;

  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset!: number;

  @IsInt()
  @Min(1)
  @Max(MessageLimits.auditPageMax)
  limit!: number;

  @IsOptional()
  @IsString()
  @MaxLength(MessageLimits.auditKeywordMaxBytes)
  content?: string;
}

export class AuditKeywordInput {
  @IsString()
  @MaxLength(MessageLimits.auditKeywordMaxBytes)
  content!: string;

  @IsOptional()
  @IsString()
  @MaxLength(32)
  label?: string;
}

/** add_cloud_audit_keywords / add_local_audit_keywords (≤ 100 per call, 2016 beyond). */
export class AddAuditKeywordsRequest {
  /** The body's `SdkAppId`: must be the caller's app (2003 otherwise). */
  @IsInt()
  @Min(0)
  @Max(2 ** 53)
  sdkAppId!: number;

  @IsIn(['local', 'cloud'])
  list!: AuditList;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  libId?: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => AuditKeywordInput)
  keywords!: AuditKeywordInput[];
}

/** delete_cloud_audit_keywords (by keyword ID) / delete_local_audit_keywords (by content). */
export class DeleteAuditKeywordsRequest {
  /** The body's `SdkAppId`: must be the caller's app (2003 otherwise). */
  @IsInt()
  @Min(0)
  @Max(2 ** 53)
  sdkAppId!: number;

  @IsIn(['local', 'cloud'])
  list!: AuditList;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  libId?: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MessageLimits.auditKeywordsPerCall)
  @IsString({ each: true })
  @MaxLength(MessageLimits.auditKeywordMaxBytes, { each: true })
  ids!: string[];
}

export class ModerationContent {
  @IsInt()
  @Min(0)
  @Max(2 ** 31)
  contentId!: number;

  @IsString()
  @MaxLength(32)
  contentType!: string;

  /** Bytes checked by the service (2003 over 8 KB). */
  @IsString()
  @MaxLength(64 * 1024)
  content!: string;
}

/** im_msg_audit/content_moderation (one content) and batch_content_moderation (≤ 10). */
export class ModerateContentsRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MessageLimits.auditBatchMax)
  @ValidateNested({ each: true })
  @Type(() => ModerationContent)
  contents!: ModerationContent[];
}
