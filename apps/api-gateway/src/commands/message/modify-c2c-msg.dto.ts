import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsOptional, IsString, ValidateNested } from 'class-validator';

import { ErrorCode } from '@im/contracts';

import { withCode } from '../../rest/rest-command.model';
import { C2cMsgElementDto } from './c2c-msg-element.dto';
import { MsgKeyDto } from './msg-key.dto';

/** `openim/modify_c2c_msg` (docs/rest-api.md §4.8): a new MsgBody and/or CloudCustomData. */
export class ModifyC2cMsgDto extends MsgKeyDto {
  @IsOptional()
  @ArrayMinSize(1, withCode(ErrorCode.MsgBodyFormatInvalid))
  @ValidateNested({ each: true })
  @Type(() => C2cMsgElementDto)
  @IsArray(withCode(ErrorCode.MsgBodyNotArray))
  MsgBody?: C2cMsgElementDto[];

  @IsOptional()
  @IsString()
  CloudCustomData?: string;
}
