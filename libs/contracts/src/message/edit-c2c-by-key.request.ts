import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsOptional, IsString, ValidateNested } from 'class-validator';

import { C2cMessageKeyRequest } from './c2c-message-key.request';
import { MsgElement } from './msg-element';

/** modify_c2c_msg: a new body and/or CloudCustomData for a stored C2C message (App admin). */
export class EditC2cByKeyRequest extends C2cMessageKeyRequest {
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => MsgElement)
  body?: MsgElement[];

  @IsOptional()
  @IsString()
  cloudCustomData?: string;
}
