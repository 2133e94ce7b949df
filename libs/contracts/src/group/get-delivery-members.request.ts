import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

import { GroupLimits } from './group.limits';

/**
 * For delivery of table-stored groups: the members with their MsgFlag, by user ID, paged
 * with `after`. Room-stored groups (AVChatRoom, BChatRoom) answer `roomDelivery` and no
 * members: they are delivered on `conn.room.<sdkAppId>.<groupId>` (ARCHITECTURE.md).
 */
export class GetDeliveryMembersRequest {
  @IsString()
  groupId!: string;

  /** The last user ID of the previous page. */
  @IsOptional()
  @IsString()
  after?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(GroupLimits.deliveryPageMax)
  limit?: number;
}
