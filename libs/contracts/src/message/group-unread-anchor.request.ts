import { ArrayMaxSize, IsArray, IsInt, IsString, Max, Min } from 'class-validator';

import { GroupLimits } from '../group/group.limits';

/**
 * For the group service (import_group_member with `UnreadMsgNum`): where do read positions
 * with these unread counts lie in the group's message line as it is now? The answer is taken
 * against the line's last stored seq, which covers every message acknowledged before.
 */
export class GroupUnreadAnchorRequest {
  @IsString()
  groupId!: string;

  @IsArray()
  @ArrayMaxSize(GroupLimits.addMaxMembers)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(0xffffffff, { each: true })
  unreads!: number[];
}
