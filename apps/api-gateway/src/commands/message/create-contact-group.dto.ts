import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';

import { ErrorCode, IsUserId, MessageLimits } from '@im/contracts';

import { withCode } from '../../rest/rest-command.model';
import { ContactItemDto } from './contact-item.dto';

/** `GroupContactItem[]` entry: a group name and its first conversations. */
export class GroupContactItemDto {
  @MaxLength(1024)
  @IsString()
  GroupName!: string;

  @IsOptional()
  @ArrayMaxSize(MessageLimits.contactItemsPerCall, withCode(ErrorCode.ConversationBatchTooLarge))
  @ValidateNested({ each: true })
  @Type(() => ContactItemDto)
  @IsArray()
  ContactItem?: ContactItemDto[];
}

/** `recentcontact/create_contact_group`: one group per call (Tencent: "only one at a time"). */
export class CreateContactGroupDto {
  @IsUserId()
  From_Account!: string;

  @ArrayMinSize(1)
  @ArrayMaxSize(1)
  @ValidateNested({ each: true })
  @Type(() => GroupContactItemDto)
  @IsArray()
  GroupContactItem!: GroupContactItemDto[];
}
