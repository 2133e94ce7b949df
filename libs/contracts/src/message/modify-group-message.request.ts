import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

import { MsgElement } from './msg-element';

/** openim/modify_group_msg: a new body and/or CloudCustomData for a stored group message. */
export class ModifyGroupMessageRequest {
  @IsString()
  groupId!: string;

  @IsInt()
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(1)
  seq!: number;

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
