import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

import { MessageLimits } from '@im/contracts';

import { AuditKeywordDto } from './audit-keyword.dto';

/** `get_cloud_audit_keywords_ids`: `SdkAppId`, `Offset`, `Limit` ≤ 100. */
export class GetAuditLibsDto {
  @Min(0)
  @IsInt()
  SdkAppId!: number;

  @Max(1_000_000)
  @Min(0)
  @IsInt()
  Offset!: number;

  @Max(MessageLimits.auditPageMax)
  @Min(1)
  @IsInt()
  Limit!: number;
}

/** `get_local_audit_keywords`: a page, `Content` a substring filter. */
export class GetLocalAuditKeywordsDto extends GetAuditLibsDto {
  @IsOptional()
  @MaxLength(MessageLimits.auditKeywordMaxBytes)
  @IsString()
  Content?: string;
}

/** `get_cloud_audit_keywords`: the same in library `LibID`. */
export class GetCloudAuditKeywordsDto extends GetLocalAuditKeywordsDto {
  @MaxLength(64)
  @IsString()
  LibID!: string;
}

/** `add_local_audit_keywords`: `UserKeywords` (≤ 100 per call, 2016 beyond). */
export class AddLocalAuditKeywordsDto {
  @Min(0)
  @IsInt()
  SdkAppId!: number;

  @ArrayMinSize(1)
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => AuditKeywordDto)
  @IsArray()
  UserKeywords!: AuditKeywordDto[];
}

/** `add_cloud_audit_keywords`: the same into library `LibID`. */
export class AddCloudAuditKeywordsDto extends AddLocalAuditKeywordsDto {
  @MaxLength(64)
  @IsString()
  LibID!: string;
}

/** `delete_local_audit_keywords`: `Keywords` (the words themselves). */
export class DeleteLocalAuditKeywordsDto {
  @Min(0)
  @IsInt()
  SdkAppId!: number;

  @ArrayMinSize(1)
  @ArrayMaxSize(MessageLimits.auditKeywordsPerCall)
  @MaxLength(MessageLimits.auditKeywordMaxBytes, { each: true })
  @IsString({ each: true })
  @IsArray()
  Keywords!: string[];
}

/** `delete_cloud_audit_keywords`: `KeywordIDs` (the `ID`s get_cloud_audit_keywords answers). */
export class DeleteCloudAuditKeywordsDto {
  @Min(0)
  @IsInt()
  SdkAppId!: number;

  @MaxLength(64)
  @IsString()
  LibID!: string;

  @ArrayMinSize(1)
  @ArrayMaxSize(MessageLimits.auditKeywordsPerCall)
  @MaxLength(32, { each: true })
  @IsString({ each: true })
  @IsArray()
  KeywordIDs!: string[];
}
