import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  ValidateNested,
} from 'class-validator';

import { GroupAttrItem } from './group-attr-item';
import { GroupAttrLimits, GroupAttrOps } from './group-attr.limits';
import type { GroupAttrOp } from './group-attr.limits';
import { GroupIdRequest } from './group-id.request';

/**
 * A write of a group's attributes: `set` replaces them all with `attrs`, `modify` upserts
 * `attrs`, `clear` removes them all, `delete` removes `keys`. The limits of `GroupAttrLimits`
 * are checked by the group service (their own codes, 10045–10048).
 */
export class WriteGroupAttrRequest extends GroupIdRequest {
  @IsIn(GroupAttrOps)
  op!: GroupAttrOp;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(GroupAttrLimits.requestMaxItems)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => GroupAttrItem)
  attrs?: GroupAttrItem[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(GroupAttrLimits.requestMaxItems)
  @IsString({ each: true })
  keys?: string[];
}
