import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';

import { IsUserId, ReceiptLimits } from '@im/contracts';

/** One message of `C2CMsgInfo`: sent by `From_Account` (the peer) to `To_Account` (the reader). */
export class C2cMsgInfoDto {
  @IsUserId()
  From_Account!: string;

  @IsUserId()
  To_Account!: string;

  @MaxLength(64)
  @IsString()
  MsgKey!: string;
}

/** `openim/c2c_msg_read_receipt` (docs/rest-api.md §4.10): `Operator_Account` read these messages. */
export class C2cMsgReadReceiptDto {
  @IsUserId()
  Operator_Account!: string;

  @IsUserId()
  Peer_Account!: string;

  @ArrayMinSize(1)
  @ArrayMaxSize(ReceiptLimits.messagesPerRequest)
  @ValidateNested({ each: true })
  @Type(() => C2cMsgInfoDto)
  @IsArray()
  C2CMsgInfo!: C2cMsgInfoDto[];
}
