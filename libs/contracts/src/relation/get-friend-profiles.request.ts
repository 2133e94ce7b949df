import { ArrayMaxSize, ArrayMinSize, IsArray, IsString } from 'class-validator';

import { IsUserId } from '../common';
import { RelationLimits } from './relation.enums';

/** friend_get_list: chosen friends with any mix of `Tag_Profile_*` and `Tag_SNS_*` tags. */
export class GetFriendProfilesRequest {
  @IsUserId()
  userId!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(RelationLimits.addBatchMax)
  @IsString({ each: true })
  toUserIds!: string[];

  @IsArray()
  @ArrayMinSize(1)
  @IsString({ each: true })
  tags!: string[];
}
