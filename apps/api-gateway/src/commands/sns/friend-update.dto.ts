import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, ValidateNested } from 'class-validator';

import { RelationLimits } from '@im/contracts';

import { SnsItemDto } from './sns-item.dto';

export class UpdateItemDto {
  @IsString()
  To_Account!: string;

  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => SnsItemDto)
  @IsArray()
  SnsItem!: SnsItemDto[];
}

/** `sns/friend_update` (docs/rest-api.md §6.3). */
export class FriendUpdateDto {
  @IsString()
  From_Account!: string;

  @ArrayMinSize(1)
  @ArrayMaxSize(RelationLimits.addBatchMax)
  @ValidateNested({ each: true })
  @Type(() => UpdateItemDto)
  @IsArray()
  UpdateItem!: UpdateItemDto[];
}
