import { IsString, Length } from 'class-validator';

import { MediaLimits } from './media.limits';

/** `forbid_illegal_object` / `allow_banned_object`: the object a download link names. */
export class MediaObjectRequest {
  /** A download URL of the app's own media, as a message carries it. */
  @IsString()
  @Length(1, MediaLimits.rawUrlMaxLength)
  rawUrl!: string;
}
