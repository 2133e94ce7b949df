import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  ValidateNested,
} from 'class-validator';

import { ErrorCode, GroupLimits } from '@im/contracts';

import { withCode } from '../../rest/rest-command.model';
import { MemberAccountItemDto } from './member-account-item.dto';

/** `add_group_member` (docs/rest-api.md §7.6). `From_Account`: add as that member. */
export class AddGroupMemberDto {
  @IsString()
  GroupId!: string;

  @IsOptional()
  @IsIn([0, 1])
  Silence?: 0 | 1;

  @ArrayMinSize(1)
  @ArrayMaxSize(GroupLimits.addMaxMembers, withCode(ErrorCode.GroupTooManyAccounts))
  @ValidateNested({ each: true })
  @Type(() => MemberAccountItemDto)
  @IsArray()
  MemberList!: MemberAccountItemDto[];

  @IsOptional()
  @IsString()
  From_Account?: string;
}
