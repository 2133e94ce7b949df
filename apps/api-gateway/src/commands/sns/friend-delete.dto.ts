import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString } from 'class-validator';

import { RelationLimits } from '@im/contracts';

export const DELETE_TYPES = { Delete_Type_Single: 'single', Delete_Type_Both: 'both' } as const;

/** `sns/friend_delete` (docs/rest-api.md §6.4). */
export class FriendDeleteDto {
  @IsString()
  From_Account!: string;

  @ArrayMinSize(1)
  @ArrayMaxSize(RelationLimits.batchMax)
  @IsString({ each: true })
  @IsArray()
  To_Account!: string[];

  @IsOptional()
  @IsIn(Object.keys(DELETE_TYPES))
  DeleteType?: keyof typeof DELETE_TYPES;
}

/** `sns/friend_delete_all` (docs/rest-api.md §6.5). */
export class FriendDeleteAllDto {
  @IsString()
  From_Account!: string;

  @IsOptional()
  @IsIn(Object.keys(DELETE_TYPES))
  DeleteType?: keyof typeof DELETE_TYPES;
}
