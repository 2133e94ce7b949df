import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString } from 'class-validator';

import { ErrorCode, GroupLimits, Utf8Bytes } from '@im/contracts';

import { withCode } from '../../rest/rest-command.model';

/**
 * `delete_group_member` (docs/rest-api.md §7.7). `From_Account`: remove as that member; naming
 * only oneself is a quit.
 */
export class DeleteGroupMemberDto {
  @IsString()
  GroupId!: string;

  @ArrayMinSize(1)
  @ArrayMaxSize(GroupLimits.removeMaxMembers, withCode(ErrorCode.GroupTooManyAccounts))
  @IsString({ each: true })
  @IsArray()
  MemberToDel_Account!: string[];

  @IsOptional()
  @IsIn([0, 1])
  Silence?: 0 | 1;

  @IsOptional()
  @Utf8Bytes(0, GroupLimits.reasonMaxBytes)
  Reason?: string;

  @IsOptional()
  @IsString()
  From_Account?: string;
}
