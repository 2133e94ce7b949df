import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

import { MessageLimits, officialAccountMsgKey } from '@im/contracts';

import { GroupMsgElementDto } from '../message/group-msg-element.dto';

/** An official account message's `MsgKey`: `{MsgSeq}_1_{MsgTime}` (Tencent's "Seq_1_ServerTime"). */
export const OFFICIAL_MSG_KEY = /^\d{1,15}_1_\d{1,10}$/;

/** `send_official_account_msg`: the App admin's message to every subscriber. */
export class SendOfficialAccountMsgDto {
  @IsString()
  Official_Account!: string;

  @Min(0)
  @Max(0xffffffff)
  @IsInt()
  Random!: number;

  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => GroupMsgElementDto)
  @IsArray()
  MsgBody!: GroupMsgElementDto[];

  @IsOptional()
  @IsString()
  CloudCustomData?: string;

  @IsOptional()
  @IsObject()
  OfflinePushInfo?: Record<string, unknown>;
}

/** `official_account_msg_get_simple`: the newest messages, then those before `LastMsgKey`. */
export class OfficialAccountMsgGetSimpleDto {
  @IsString()
  Official_Account!: string;

  @IsOptional()
  @IsString()
  @Matches(OFFICIAL_MSG_KEY)
  LastMsgKey?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MessageLimits.groupHistoryMaxMessages)
  ReqMsgNumber?: number;
}

/** `official_account_msg_recall`: messages by `MsgKey`. */
export class OfficialAccountMsgRecallDto {
  @IsString()
  Official_Account!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MessageLimits.groupRecallMax)
  @IsString({ each: true })
  @Matches(OFFICIAL_MSG_KEY, { each: true })
  MsgKeyList!: string[];
}

export function officialMsgKey(seq: number, time: number): string {
  return officialAccountMsgKey(seq, time);
}

export function seqOfOfficialMsgKey(key: string): number {
  return Number(key.split('_')[0]);
}
