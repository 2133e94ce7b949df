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

import { RelationLimits } from '@im/contracts';

export const ADD_TYPES = { Add_Type_Both: 'both', Add_Type_Single: 'single' } as const;

/**
 * An item of `AddFriendItem`. `AddSource` is required (Tencent), but judged per item by
 * relation: a missing or malformed one fails that item with 30001, not the whole request.
 */
export class AddFriendItemDto {
  @IsString()
  To_Account!: string;

  @IsOptional()
  @IsString()
  AddSource?: string;

  @IsOptional()
  @IsString()
  Remark?: string;

  /** One list name (a string here, an array in friend_import). */
  @IsOptional()
  @IsString()
  GroupName?: string;

  @IsOptional()
  @IsString()
  AddWording?: string;
}

/** `sns/friend_add` (docs/rest-api.md §6.1). */
export class FriendAddDto {
  @IsString()
  From_Account!: string;

  // Decorators run bottom-up and stop at the first failure: the type check is the last line.
  @ArrayMinSize(1)
  @ArrayMaxSize(RelationLimits.addBatchMax)
  @ValidateNested({ each: true })
  @Type(() => AddFriendItemDto)
  @IsArray()
  AddFriendItem!: AddFriendItemDto[];

  @IsOptional()
  @IsIn(Object.keys(ADD_TYPES))
  AddType?: keyof typeof ADD_TYPES;

  @IsOptional()
  @IsIn([0, 1])
  ForceAddFlags?: 0 | 1;
}
