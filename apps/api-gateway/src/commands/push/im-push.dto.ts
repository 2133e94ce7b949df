import { Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

import { ErrorCode, IsUserId, MsgTypes } from '@im/contracts';
import type { MsgType } from '@im/contracts';

import { withCode } from '../../rest/rest-command.model';

/** One `TIMMsgElement` of `MsgBody` (docs/rest-api.md §2.1); a wrong layout is 90002. */
export class PushMsgElementDto {
  @IsIn(MsgTypes, withCode(ErrorCode.MsgBodyFormatInvalid))
  MsgType!: MsgType;

  @IsObject(withCode(ErrorCode.MsgBodyFormatInvalid))
  MsgContent!: Record<string, unknown>;
}

/** `Condition` of `im_push`: tags or attributes (the push service checks the rules). */
export class PushConditionDto {
  @IsOptional()
  @IsString({ ...withCode(ErrorCode.PushEmptyTag), each: true })
  @IsArray(withCode(ErrorCode.PushEmptyTag))
  TagsAnd?: string[];

  @IsOptional()
  @IsString({ ...withCode(ErrorCode.PushEmptyTag), each: true })
  @IsArray(withCode(ErrorCode.PushEmptyTag))
  TagsOr?: string[];

  @IsOptional()
  @IsObject(withCode(ErrorCode.PushAttributeInvalid))
  AttrsAnd?: Record<string, string>;

  @IsOptional()
  @IsObject(withCode(ErrorCode.PushAttributeInvalid))
  AttrsOr?: Record<string, string>;
}

/** `all_member_push/im_push` (also `openim/im_push`), docs/rest-api.md §8. */
export class ImPushDto {
  @Min(0, withCode(ErrorCode.MsgRandomInvalid))
  @Max(0xffffffff, withCode(ErrorCode.MsgRandomInvalid))
  @IsInt(withCode(ErrorCode.MsgRandomInvalid))
  MsgRandom!: number;

  @ValidateNested({ each: true })
  @Type(() => PushMsgElementDto)
  @IsArray(withCode(ErrorCode.MsgBodyNotArray))
  MsgBody!: PushMsgElementDto[];

  @IsOptional()
  @IsUserId(withCode(ErrorCode.FromAccountInvalid))
  From_Account?: string;

  @IsOptional()
  @Min(0, withCode(ErrorCode.MsgLifeTimeInvalid))
  @Max(604_800, withCode(ErrorCode.MsgLifeTimeInvalid))
  @IsInt(withCode(ErrorCode.MsgLifeTimeNotInteger))
  MsgLifeTime?: number;

  @IsOptional()
  @IsObject()
  OfflinePushInfo?: Record<string, unknown>;

  @IsOptional()
  @ValidateNested()
  @Type(() => PushConditionDto)
  @IsObject()
  Condition?: PushConditionDto;
}
