import { ArrayMaxSize, ArrayMinSize, IsArray, IsString } from 'class-validator';

/** The settings other services decide with, for up to 1000 users. */
export class GetProfileSettingsRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  userIds!: string[];
}
