import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

import { ExtensionLimits, IsUserId, Utf8Bytes } from '@im/contracts';

/** One `{Key, Value, Seq}` of `ExtensionList`. */
export class ExtensionItemDto {
  @Utf8Bytes(1, ExtensionLimits.keyBytes)
  Key!: string;

  @IsOptional()
  @Utf8Bytes(0, ExtensionLimits.valueBytes)
  Value?: string;

  @IsOptional()
  @Min(0)
  @IsInt()
  Seq?: number;
}

/** `OperateType` and `ExtensionList` of both set commands. */
class SetKeyValuesFields {
  @IsIn([1, 2, 3])
  OperateType!: 1 | 2 | 3;

  @IsOptional()
  @ArrayMaxSize(ExtensionLimits.keysPerRequest)
  @ValidateNested({ each: true })
  @Type(() => ExtensionItemDto)
  @IsArray()
  ExtensionList?: ExtensionItemDto[];
}

/** `openim_msg_ext_http_svc/set_key_values` (docs/rest-api.md §4.11). */
export class SetKeyValuesDto extends SetKeyValuesFields {
  @IsOptional()
  @IsUserId()
  From_Account?: string;

  @IsUserId()
  To_Account!: string;

  @MaxLength(64)
  @IsString()
  MsgKey!: string;
}

/** `openim_msg_ext_http_svc/get_key_values` (docs/rest-api.md §4.11). */
export class GetKeyValuesDto {
  @IsOptional()
  @IsUserId()
  From_Account?: string;

  @IsUserId()
  To_Account!: string;

  @MaxLength(64)
  @IsString()
  MsgKey!: string;

  @IsOptional()
  @Min(0)
  @IsInt()
  StartSeq?: number;
}

/** `openim_msg_ext_http_svc/group_set_key_values` (docs/rest-api.md §4.11). */
export class GroupSetKeyValuesDto extends SetKeyValuesFields {
  @MaxLength(48)
  @IsString()
  GroupId!: string;

  @Min(1)
  @IsInt()
  MsgSeq!: number;
}

/** `openim_msg_ext_http_svc/group_get_key_values` (docs/rest-api.md §4.11). */
export class GroupGetKeyValuesDto {
  @MaxLength(48)
  @IsString()
  GroupId!: string;

  @Min(1)
  @IsInt()
  MsgSeq!: number;

  @IsOptional()
  @Min(0)
  @IsInt()
  StartSeq?: number;
}
