import { Type } from 'class-transformer';
import {
  ArrayMinSize,
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

import { ErrorCode, IsUserId } from '@im/contracts';

import { withCode } from '../../rest/rest-command.model';
import { C2cMsgElementDto } from './c2c-msg-element.dto';

const UINT32 = 0xffffffff;

/** What `sendmsg` and `batchsendmsg` share (docs/rest-api.md §2.2, §4.1, §4.2). */
export abstract class C2cSendDto {
  @IsOptional()
  @IsIn([1, 2], withCode(ErrorCode.SyncOtherMachineInvalid))
  @IsInt(withCode(ErrorCode.SyncOtherMachineInvalid))
  SyncOtherMachine?: 1 | 2;

  @IsOptional()
  @IsUserId(withCode(ErrorCode.FromAccountInvalid))
  From_Account?: string;

  /** 0..604800; more is clamped to 7 days (docs/rest-api.md §2.2). */
  @IsOptional()
  @Min(0, withCode(ErrorCode.MsgLifeTimeInvalid))
  @IsInt(withCode(ErrorCode.MsgLifeTimeNotInteger))
  MsgLifeTime?: number;

  @IsOptional()
  @Min(0)
  @Max(UINT32)
  @IsInt()
  MsgSeq?: number;

  @Min(0, withCode(ErrorCode.MsgRandomInvalid))
  @Max(UINT32, withCode(ErrorCode.MsgRandomInvalid))
  @IsInt(withCode(ErrorCode.MsgRandomInvalid))
  MsgRandom!: number;

  @IsOptional()
  @IsIn([0, 1])
  @IsInt()
  OnlineOnlyFlag?: 0 | 1;

  @IsOptional()
  @IsString({ each: true })
  @IsArray()
  ForbidCallbackControl?: string[];

  @IsOptional()
  @IsString({ each: true })
  @IsArray()
  SendMsgControl?: string[];

  @ArrayMinSize(1, withCode(ErrorCode.MsgBodyFormatInvalid))
  @ValidateNested({ each: true })
  @Type(() => C2cMsgElementDto)
  @IsArray(withCode(ErrorCode.MsgBodyNotArray))
  MsgBody!: C2cMsgElementDto[];

  @IsOptional()
  @IsString()
  CloudCustomData?: string;

  @IsOptional()
  @IsIn([0, 1])
  @IsInt()
  SupportMessageExtension?: 0 | 1;

  @IsOptional()
  @IsIn([0, 1])
  @IsInt()
  IsNeedReadReceipt?: 0 | 1;

  @IsOptional()
  @IsObject()
  OfflinePushInfo?: Record<string, unknown>;
}

/** `openim/sendmsg` (docs/rest-api.md §4.1). */
export class SendMsgDto extends C2cSendDto {
  @IsUserId(withCode(ErrorCode.ToAccountInvalid))
  To_Account!: string;

  @IsOptional()
  @Min(0, withCode(ErrorCode.MsgTimeStampInvalid))
  @Max(UINT32, withCode(ErrorCode.MsgTimeStampInvalid))
  @IsInt(withCode(ErrorCode.MsgTimeStampInvalid))
  MsgTimeStamp?: number;
}
