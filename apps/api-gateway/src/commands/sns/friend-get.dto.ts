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

/** `sns/friend_get` and its old name `sns/friend_get_all` (docs/rest-api.md §6.7). */
export class FriendGetDto {
  @IsString()
  From_Account!: string;

  @Min(0)
  @IsInt()
  StartIndex!: number;

  @IsOptional()
  @Min(0)
  @IsInt()
  StandardSequence?: number;

  @IsOptional()
  @Min(0)
  @IsInt()
  CustomSequence?: number;
}

/** `sns/friend_get_list` (docs/rest-api.md §6.8). */
export class FriendGetListDto {
  @IsString()
  From_Account!: string;

  @ArrayMinSize(1)
  @ArrayMaxSize(RelationLimits.addBatchMax)
  @IsString({ each: true })
  @IsArray()
  To_Account!: string[];

  @ArrayMinSize(1)
  @IsString({ each: true })
  @IsArray()
  TagList!: string[];
}
