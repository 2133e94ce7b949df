import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, ValidateNested } from 'class-validator';

import { ErrorCode, IsUserId, MessageLimits } from '@im/contracts';

import { withCode } from '../../rest/rest-command.model';
import { ContactItemDto } from './contact-item.dto';

/** `recentcontact/search_contact_group`: the marks and groups of given conversations. */
export class SearchContactGroupDto {
  @IsUserId()
  From_Account!: string;

  @ArrayMinSize(1)
  @ArrayMaxSize(MessageLimits.contactItemsPerCall, withCode(ErrorCode.ConversationBatchTooLarge))
  @ValidateNested({ each: true })
  @Type(() => ContactItemDto)
  @IsArray()
  ContactItem!: ContactItemDto[];
}
