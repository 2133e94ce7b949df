import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsString, ValidateNested } from 'class-validator';

import { SnsItem } from './sns-item';

/** The fields of one friend to change: Remark, Group, `Tag_SNS_Custom_*` (REL-31). */
export class UpdateFriendItem {
  @IsString()
  toUserId!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => SnsItem)
  items!: SnsItem[];
}
