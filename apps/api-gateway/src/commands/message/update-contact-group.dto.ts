import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

import { ErrorCode, IsUserId, MessageLimits } from '@im/contracts';

import { withCode } from '../../rest/rest-command.model';
import { ContactItemDto } from './contact-item.dto';

/** `ContactUpdateItem[]` entry: 1 adds the conversation to the group, 2 takes it out. */
export class ContactUpdateItemDto {
  @IsIn([1, 2])
  @IsInt()
  ContactOptType!: 1 | 2;

  @IsDefined()
  @ValidateNested()
  @Type(() => ContactItemDto)
  @IsObject()
  ContactItem!: ContactItemDto;
}

/** `UpdateGroup`: `UpdateGroupType` 1 renames `OldGroupName`, 2 changes its conversations. */
export class UpdateGroupDto {
  @IsIn([1, 2])
  @IsInt()
  UpdateGroupType!: 1 | 2;

  @MaxLength(1024)
  @IsString()
  OldGroupName!: string;

  @ValidateIf((d: UpdateGroupDto) => d.UpdateGroupType === 1)
  @MaxLength(1024)
  @IsString()
  NewGroupName?: string;

  @IsOptional()
  @ArrayMaxSize(MessageLimits.contactItemsPerCall, withCode(ErrorCode.ConversationBatchTooLarge))
  @ValidateNested({ each: true })
  @Type(() => ContactUpdateItemDto)
  @IsArray()
  ContactUpdateItem?: ContactUpdateItemDto[];
}

/** `recentcontact/update_contact_group`: `UpdateType` 1 (the one Tencent documents). */
export class UpdateContactGroupDto {
  @IsUserId()
  From_Account!: string;

  @IsIn([1])
  @IsInt()
  UpdateType!: 1;

  @IsDefined()
  @ValidateNested()
  @Type(() => UpdateGroupDto)
  @IsObject()
  UpdateGroup!: UpdateGroupDto;
}
