import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsString, Max, Min } from 'class-validator';

import { GroupIdRequest } from './group-id.request';
import { GroupLimits } from './group.limits';

/** forbid_send_msg (GRP-45, T19, GRP-13). */
export class MuteMembersRequest extends GroupIdRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(GroupLimits.accountsMax)
  @IsString({ each: true })
  userIds!: string[];

  /** Seconds; 0 unmutes, 4294967295 = permanent. */
  @IsInt()
  @Min(0)
  @Max(GroupLimits.mutePermanent)
  muteTime!: number;
}
