import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

import { MediaLimits } from '@im/contracts';

/** `im_cos_msg/forbid_illegal_object`, `allow_banned_object` (docs/rest-api.md §9.10). */
export class CosObjectDto {
  @Length(1, MediaLimits.rawUrlMaxLength)
  @IsString()
  RawURL!: string;
}

/** One `RawURLs` entry of `get_cos_sig`. */
export class CosRawUrlDto {
  @Max(MediaLimits.resourceIdMax)
  @Min(0)
  @IsInt()
  ResourceID!: number;

  @Length(1, MediaLimits.rawUrlMaxLength)
  @IsString()
  RawURL!: string;
}

/** `im_cos_msg/get_cos_sig` (docs/rest-api.md §9.10). */
export class GetCosSigDto {
  @ArrayMinSize(1)
  @ArrayMaxSize(MediaLimits.rawUrlsPerCall)
  @ValidateNested({ each: true })
  @Type(() => CosRawUrlDto)
  @IsArray()
  RawURLs!: CosRawUrlDto[];
}
