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

import { MediaLimits } from './media.limits';

/** One URL of a `get_cos_sig` batch, with the caller's id for it. */
export class DownloadLinkItem {
  @IsInt()
  @Min(0)
  @Max(MediaLimits.resourceIdMax)
  resourceId!: number;

  @IsString()
  @Length(1, MediaLimits.rawUrlMaxLength)
  rawUrl!: string;
}

/** `im_cos_msg/get_cos_sig`: fresh links for download URLs of the app's media. */
export class GetDownloadLinksRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MediaLimits.rawUrlsPerCall)
  @ValidateNested({ each: true })
  @Type(() => DownloadLinkItem)
  items!: DownloadLinkItem[];
}
