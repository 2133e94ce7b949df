import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

import { RelationLimits } from '@im/contracts';

import { SnsItemDto } from './sns-item.dto';

/** An item of friend_import's `AddFriendItem`. */
export class ImportFriendItemDto {
  @IsString()
  To_Account!: string;

  @IsOptional()
  @IsString()
  AddSource?: string;

  @IsOptional()
  @IsString()
  Remark?: string;

  @IsOptional()
  @Min(0)
  @Max(0xffffffff)
  @IsInt()
  RemarkTime?: number;

  @IsOptional()
  @IsString({ each: true })
  @IsArray()
  GroupName?: string[];

  @IsOptional()
  @IsString()
  AddWording?: string;

  @IsOptional()
  @Min(0)
  @Max(0xffffffff)
  @IsInt()
  AddTime?: number;

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => SnsItemDto)
  @IsArray()
  CustomItem?: SnsItemDto[];
}

/** `sns/friend_import` (docs/rest-api.md §6.2). */
export class FriendImportDto {
  @IsString()
  From_Account!: string;

  @ArrayMinSize(1)
  @ArrayMaxSize(RelationLimits.addBatchMax)
  @ValidateNested({ each: true })
  @Type(() => ImportFriendItemDto)
  @IsArray()
  AddFriendItem!: ImportFriendItemDto[];
}
