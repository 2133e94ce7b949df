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

import { ErrorCode, IsUserId, OfficialAccountLimits as L, Utf8Bytes } from '@im/contracts';

import { withCode } from '../../rest/rest-command.model';

/** The fields `OfficialAccountBaseInfoFilter` may name (Tencent's list). */
export const OFFICIAL_ACCOUNT_BASE_FIELDS = [
  'CreateTime',
  'Name',
  'Owner_Account',
  'LastMsgTime',
  'SubscriberNum',
  'Introduction',
  'FaceUrl',
  'Organization',
  'CustomString',
  'MaxSubscriberNum',
] as const;
/** The fields `SelfInfoFilter` may name. */
export const SUBSCRIBER_SELF_FIELDS = ['SubscribeTime', 'CustomString', 'MsgFlag'] as const;

/** `create_official_account` (docs/rest-api.md, official accounts). */
export class CreateOfficialAccountDto {
  @IsOptional()
  @IsString()
  OfficialAccountUserID?: string;

  @IsUserId()
  Owner_Account!: string;

  @Utf8Bytes(1, L.nameMaxBytes)
  Name!: string;

  @IsOptional()
  @Utf8Bytes(0, L.introductionMaxBytes)
  Introduction?: string;

  @IsOptional()
  @Utf8Bytes(0, L.faceUrlMaxBytes)
  FaceUrl?: string;

  @IsOptional()
  @Utf8Bytes(0, L.organizationMaxBytes)
  Organization?: string;

  @IsOptional()
  @Utf8Bytes(0, L.customStringMaxBytes)
  CustomString?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(L.maxSubscriberNum)
  MaxSubscriberNum?: number;
}

/** `modify_official_account_base_info`. */
export class ModifyOfficialAccountDto {
  @IsString()
  Official_Account!: string;

  @IsOptional()
  @Utf8Bytes(1, L.nameMaxBytes)
  Name?: string;

  @IsOptional()
  @Utf8Bytes(0, L.introductionMaxBytes)
  Introduction?: string;

  @IsOptional()
  @Utf8Bytes(0, L.faceUrlMaxBytes)
  FaceUrl?: string;

  @IsOptional()
  @Utf8Bytes(0, L.organizationMaxBytes)
  Organization?: string;

  @IsOptional()
  @Utf8Bytes(0, L.customStringMaxBytes)
  CustomString?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(L.maxSubscriberNum)
  MaxSubscriberNum?: number;
}

/** `destroy_official_account`. */
export class OfficialAccountDto {
  @IsString()
  Official_Account!: string;
}

export class OfficialAccountBaseFilterDto {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(OFFICIAL_ACCOUNT_BASE_FIELDS.length + 5)
  @IsIn(OFFICIAL_ACCOUNT_BASE_FIELDS, { each: true })
  OfficialAccountBaseInfoFilter?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(SUBSCRIBER_SELF_FIELDS.length + 5)
  @IsIn(SUBSCRIBER_SELF_FIELDS, { each: true })
  SelfInfoFilter?: string[];
}

/** `get_official_account_info`: 1..50 accounts. */
export class GetOfficialAccountInfoDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(L.infoBatchMax)
  @ValidateNested({ each: true })
  @Type(() => OfficialAccountDto)
  OfficialAccountIdList!: OfficialAccountDto[];

  @IsOptional()
  @ValidateNested()
  @Type(() => OfficialAccountBaseFilterDto)
  ResponseFilter?: OfficialAccountBaseFilterDto;
}

export class SubscriberItemDto {
  @IsUserId()
  Subscriber_Account!: string;
}

/** `add_subscriber` / `delete_subscriber`: 1..100 subscribers. */
export class SubscriberListDto {
  @IsString()
  Official_Account!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(L.subscriberBatchMax, withCode(ErrorCode.GroupTooManyAccounts))
  @ValidateNested({ each: true })
  @Type(() => SubscriberItemDto)
  SubscriberList!: SubscriberItemDto[];
}

/** `modify_subscriber_info`. */
export class ModifySubscriberInfoDto {
  @IsString()
  Official_Account!: string;

  @IsUserId()
  Subscriber_Account!: string;

  @Utf8Bytes(0, L.subscriberCustomStringMaxBytes)
  CustomString!: string;
}

/** `get_subscriber_info`: `Next` "" on the first call. */
export class GetSubscriberInfoDto {
  @IsString()
  Official_Account!: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(L.subscriberPageMax)
  Limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  Next?: string;
}

/** `get_subscribed_official_account_list`. */
export class GetSubscribedOfficialAccountListDto {
  @IsUserId()
  Subscriber_Account!: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(L.subscribedPageMax)
  Limit?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  Offset?: number;

  @IsOptional()
  @ValidateNested()
  @Type(() => OfficialAccountBaseFilterDto)
  ResponseFilter?: OfficialAccountBaseFilterDto;
}
