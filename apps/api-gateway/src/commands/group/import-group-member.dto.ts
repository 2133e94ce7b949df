import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, ValidateNested } from 'class-validator';

import { ErrorCode, GroupLimits } from '@im/contracts';

import { withCode } from '../../rest/rest-command.model';
import { GroupMemberItemDto } from './group-member-item.dto';

/** `import_group_member` (docs/rest-api.md §7.20). */
export class ImportGroupMemberDto {
  @IsString()
  GroupId!: string;

  @ArrayMinSize(1)
  @ArrayMaxSize(GroupLimits.addMaxMembers, withCode(ErrorCode.GroupTooManyAccounts))
  @ValidateNested({ each: true })
  @Type(() => GroupMemberItemDto)
  @IsArray()
  MemberList!: GroupMemberItemDto[];
}
