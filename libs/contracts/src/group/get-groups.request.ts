import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
} from 'class-validator';

import { GroupOperatorRequest } from './group-operator.request';
import { GroupLimits } from './group.limits';

/** get_group_info: up to 50 groups. */
export class GetGroupsRequest extends GroupOperatorRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(GroupLimits.getInfoMaxGroups)
  @IsString({ each: true })
  groupIds!: string[];

  /** Add the member list (what T3 lets the caller see). */
  @IsOptional()
  @IsBoolean()
  withMembers?: boolean;

  /** Group custom fields to answer (only readable ones come back); absent = none (AMB-10c). */
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  customDataKeys?: string[];

  /** Member custom fields to answer with the members. */
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  memberCustomDataKeys?: string[];
}
