import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
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

/** `openim/importmsg` (docs/rest-api.md §4.3): `SyncFromOldSystem` 1 / 5 real-time, 2 history. */
export class ImportMsgDto {
  @IsIn([1, 2, 5])
  @IsInt()
  SyncFromOldSystem!: 1 | 2 | 5;

  @IsUserId(withCode(ErrorCode.FromAccountInvalid))
  From_Account!: string;

  @IsUserId(withCode(ErrorCode.ToAccountInvalid))
  To_Account!: string;

  @IsOptional()
  @Min(0)
  @Max(UINT32)
  @IsInt()
  MsgSeq?: number;

  @Min(0, withCode(ErrorCode.MsgRandomInvalid))
  @Max(UINT32, withCode(ErrorCode.MsgRandomInvalid))
  @IsInt(withCode(ErrorCode.MsgRandomInvalid))
  MsgRandom!: number;

  @Min(0, withCode(ErrorCode.MsgTimeStampInvalid))
  @Max(UINT32, withCode(ErrorCode.MsgTimeStampInvalid))
  @IsInt(withCode(ErrorCode.MsgTimeStampInvalid))
  MsgTimeStamp!: number;

  @ArrayMinSize(1, withCode(ErrorCode.MsgBodyFormatInvalid))
  @ValidateNested({ each: true })
  @Type(() => C2cMsgElementDto)
  @IsArray(withCode(ErrorCode.MsgBodyNotArray))
  MsgBody!: C2cMsgElementDto[];

  @IsOptional()
  @IsString()
  CloudCustomData?: string;
}
