import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

import { IsUserId } from '../common';
import { MsgElement } from './msg-element';

/** One message of import_group_msg. */
export class ImportGroupMessageItem {
  @IsUserId()
  from!: string;

  /** UNIX seconds; must not be in the future nor before the previous item's. */
  @IsInt()
  @Min(0)
  @Max(0xffffffff)
  sendTime!: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(0xffffffff)
  random?: number;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => MsgElement)
  body!: MsgElement[];
}
