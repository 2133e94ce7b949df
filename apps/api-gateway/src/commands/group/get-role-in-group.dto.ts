import { ArrayMaxSize, ArrayMinSize, IsArray, IsString } from 'class-validator';

import { ErrorCode, GroupLimits } from '@im/contracts';

import { withCode } from '../../rest/rest-command.model';

/** `get_role_in_group` (docs/rest-api.md §7.11). */
export class GetRoleInGroupDto {
  @IsString()
  GroupId!: string;

  @ArrayMinSize(1)
  @ArrayMaxSize(GroupLimits.accountsMax, withCode(ErrorCode.GroupTooManyAccounts))
  @IsString({ each: true })
  @IsArray()
  User_Account!: string[];
}
