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

/** `im_msg_audit/content_moderation`: one content (`ContentType` `Text`; ≤ 8 KB). */
export class ContentModerationDto {
  @MaxLength(64)
  @IsString()
  AuditName!: string;

  @MaxLength(32)
  @IsString()
  ContentType!: string;

  @MaxLength(64 * 1024)
  @IsString()
  Content!: string;

  @IsOptional()
  @MaxLength(128)
  @IsString()
  ExtSender?: string;

  @IsOptional()
  @MaxLength(128)
  @IsString()
  ExtReceiver?: string;
}

/** `Contents[]` entry of batch_content_moderation. */
export class ModerationItemDto {
  @Max(2 ** 31)
  @Min(0)
  @IsInt()
  ContentId!: number;

  @MaxLength(32)
  @IsString()
  ContentType!: string;

  @MaxLength(64 * 1024)
  @IsString()
  Content!: string;
}

/** `im_msg_audit/batch_content_moderation`: ≤ 10 contents with distinct `ContentId`. */
export class BatchContentModerationDto {
  @MaxLength(64)
  @IsString()
  AuditName!: string;

  @ArrayMinSize(1)
  @ArrayMaxSize(MessageLimits.auditBatchMax)
  @ValidateNested({ each: true })
  @Type(() => ModerationItemDto)
  @IsArray()
  Contents!: ModerationItemDto[];

  @IsOptional()
  @MaxLength(128)
  @IsString()
  ExtSender?: string;

  @IsOptional()
  @MaxLength(128)
  @IsString()
  ExtReceiver?: string;
}
