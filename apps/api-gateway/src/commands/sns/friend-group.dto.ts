import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Min,
} from 'class-validator';

import { RelationLimits } from '@im/contracts';

/** `sns/group_add` (docs/rest-api.md §6.10). */
export class GroupAddDto {
  @IsString()
  From_Account!: string;

  @ArrayMinSize(1)
  @ArrayMaxSize(RelationLimits.friendListsMax)
  @IsString({ each: true })
  @IsArray()
  GroupName!: string[];

  @IsOptional()
  @ArrayMaxSize(RelationLimits.batchMax)
  @IsString({ each: true })
  @IsArray()
  To_Account?: string[];
}

/** `sns/group_delete`. */
export class GroupDeleteDto {
  @IsString()
  From_Account!: string;

  @ArrayMinSize(1)
  @ArrayMaxSize(RelationLimits.friendListsMax)
  @IsString({ each: true })
  @IsArray()
  GroupName!: string[];
}

/** `sns/group_get`: NeedFriend `Need_Friend_Type_Yes` includes the members. */
export class GroupGetDto {
  @IsString()
  From_Account!: string;

  @IsOptional()
  @Min(0)
  @IsInt()
  LastSequence?: number;

  @IsOptional()
  @IsString()
  NeedFriend?: string;

  @IsOptional()
  @IsString({ each: true })
  @IsArray()
  GroupName?: string[];
}
