import { IsBoolean, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

import { GroupOperatorRequest } from './group-operator.request';
import { GroupLimits } from './group.limits';

/** get_joined_group_list (GRP-55): a user's groups; users may ask only for themselves. */
export class GetJoinedRequest extends GroupOperatorRequest {
  @IsString()
  userId!: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(GroupLimits.joinedPageMax)
  limit?: number;

  @IsOptional()
  @IsInt()
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(0)
  offset?: number;

  @IsOptional()
  @IsString()
  type?: string;

  /** Include AVChatRoom and BChatRoom memberships (REST `WithHugeGroups` 1). */
  @IsOptional()
  @IsBoolean()
  withHugeGroups?: boolean;

  /** Include Private groups not active yet (REST `WithNoActiveGroups` 1; the owner always sees them). */
  @IsOptional()
  @IsBoolean()
  withInactive?: boolean;
}
