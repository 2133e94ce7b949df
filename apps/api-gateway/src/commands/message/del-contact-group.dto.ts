import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, MaxLength } from 'class-validator';

import { IsUserId, MessageLimits } from '@im/contracts';

/** `recentcontact/del_contact_group`: groups by name. */
export class DelContactGroupDto {
  @IsUserId()
  From_Account!: string;

  @ArrayMinSize(1)
  @ArrayMaxSize(MessageLimits.contactGroupsMax)
  @MaxLength(1024, { each: true })
  @IsString({ each: true })
  @IsArray()
  GroupName!: string[];
}
