import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsObject, IsString, ValidateNested } from 'class-validator';

import { SnsItem } from './sns-item';

/** The fields of one friend to change: Remark, Group, `Tag_SNS_Custom_*` (REL-31). */
export class UpdateFriendItem {
  @IsString()
  toUserId!: string;

  @IsArray()
  @ArrayMinSize(1)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => SnsItem)
  items!: SnsItem[];
}
