import { Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

import { GroupLimits } from '@im/contracts';

/** `ResponseFilter` of get_joined_group_list. */
export class JoinedGroupFilterDto {
  @IsOptional()
  @IsString({ each: true })
  @IsArray()
  GroupBaseInfoFilter?: string[];

  @IsOptional()
  @IsString({ each: true })
  @IsArray()
  SelfInfoFilter?: string[];
}

/** `get_joined_group_list` (docs/rest-api.md §7.10). */
export class GetJoinedGroupListDto {
  @IsString()
  Member_Account!: string;

  @IsOptional()
  @Min(0)
  @Max(GroupLimits.joinedPageMax)
  @IsInt()
  Limit?: number;

  @IsOptional()
  @Min(0)
  @IsInt()
  Offset?: number;

  @IsOptional()
  @IsString()
  GroupType?: string;

  @IsOptional()
  @IsIn([0, 1])
  WithHugeGroups?: 0 | 1;

  @IsOptional()
  @IsIn([0, 1])
  WithNoActiveGroups?: 0 | 1;

  @IsOptional()
  @ValidateNested()
  @Type(() => JoinedGroupFilterDto)
  ResponseFilter?: JoinedGroupFilterDto;
}
