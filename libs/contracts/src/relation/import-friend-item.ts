import { Type } from 'class-transformer';
import {
  IsArray,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

import { SnsItem } from './sns-item';

/** One friend of friend_import, stored as given (no verification, one-way). */
export class ImportFriendItem {
  @IsString()
  toUserId!: string;

  @IsOptional()
  @IsString()
  addSource?: string;

  @IsOptional()
  @IsString()
  remark?: string;

  /** Seconds; default now when a remark is given, else 0. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(0xffffffff)
  remarkTime?: number;

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  groupNames?: string[];

  @IsOptional()
  @IsString()
  addWording?: string;

  /** Seconds; default now. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(0xffffffff)
  addTime?: number;

  /** `Tag_SNS_Custom_*` values; the app must have declared each tag. */
  @IsOptional()
  @IsArray()
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => SnsItem)
  customItems?: SnsItem[];
}
