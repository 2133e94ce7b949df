import { ArrayMaxSize, ArrayMinSize, IsArray, IsString } from 'class-validator';

import { ProfileLimits } from './profile.enums';

/** portrait_get: these tags of these users. */
export class GetProfilesRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ProfileLimits.getMaxUsers)
  @IsString({ each: true })
  userIds!: string[];

  @IsArray()
  @ArrayMinSize(1)
  @IsString({ each: true })
  tags!: string[];
}
