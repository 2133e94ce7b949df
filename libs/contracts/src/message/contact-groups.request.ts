import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

import { IsUserId } from '../common';
import { MessageLimits } from './msg-element';

/**
 * recentcontact/create_contact_group (client `conv.group-create`): a new conversation group of
 * `userId` named `name` holding `convIds`.
 */
export class CreateContactGroupRequest {
  /** The user; the gateway fills in the caller for a client. */
  @IsUserId()
  userId!: string;

  /** Checked for its byte length by the service (51011). */
  @IsString()
  @MaxLength(1024)
  name!: string;

  @IsArray()
  @ArrayMaxSize(MessageLimits.contactItemsPerCall)
  @IsString({ each: true })
  @MaxLength(512, { each: true })
  convIds!: string[];
}

/** One conversation added to (`add`) or taken out of (`remove`) a group. */
export class ContactGroupChange {
  @IsIn(['add', 'remove'])
  op!: 'add' | 'remove';

  @IsString()
  @MaxLength(512)
  convId!: string;
}

/**
 * recentcontact/update_contact_group (client `conv.group-update`): renames group `oldName` to
 * `newName` (`rename`), or adds/removes conversations (`members`).
 */
export class UpdateContactGroupRequest {
  @IsUserId()
  userId!: string;

  @IsIn(['rename', 'members'])
  kind!: 'rename' | 'members';

  @IsString()
  @MaxLength(1024)
  oldName!: string;

  @IsOptional()
  @IsString()
  @MaxLength(1024)
  newName?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MessageLimits.contactItemsPerCall)
  @ValidateNested({ each: true })
  @Type(() => ContactGroupChange)
  changes?: ContactGroupChange[];
}

/** recentcontact/del_contact_group (client `conv.group-delete`): groups by name. */
export class DeleteContactGroupsRequest {
  @IsUserId()
  userId!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MessageLimits.contactGroupsMax)
  @IsString({ each: true })
  @MaxLength(1024, { each: true })
  names!: string[];
}

/** recentcontact/get_contact_group (client `conv.group-get`): a page of marked conversations. */
export class GetContactGroupsRequest {
  @IsUserId()
  userId!: string;

  @IsInt()
  @Min(0)
  @Max(MessageLimits.contactMarkedMax)
  startIndex!: number;
}

/** recentcontact/search_contact_group (client `conv.group-search`): given conversations' data. */
export class SearchContactGroupsRequest {
  @IsUserId()
  userId!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MessageLimits.contactItemsPerCall)
  @IsString({ each: true })
  @MaxLength(512, { each: true })
  convIds!: string[];
}

/** One mark change of one conversation: bits set/cleared, and/or the custom mark replaced. */
export class ContactMarkChange {
  @IsString()
  @MaxLength(512)
  convId!: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(64)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(63, { each: true })
  setBits?: number[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(64)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(63, { each: true })
  clearBits?: number[];

  /** Replaces the custom mark when given (bytes checked by the service). */
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  customMark?: string;
}

/** recentcontact/mark_contact (client `conv.mark`). */
export class MarkContactsRequest {
  @IsUserId()
  userId!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MessageLimits.markItemsPerCall)
  @ValidateNested({ each: true })
  @Type(() => ContactMarkChange)
  items!: ContactMarkChange[];
}
