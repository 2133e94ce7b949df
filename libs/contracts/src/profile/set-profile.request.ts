import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsObject, IsString, ValidateNested } from 'class-validator';

import { ProfileItem } from './profile-item';

/** portrait_set: fields of one user, written all or nothing. */
export class SetProfileRequest {
  @IsString()
  userId!: string;

  @IsArray()
  @ArrayMinSize(1)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ProfileItem)
  items!: ProfileItem[];
}
