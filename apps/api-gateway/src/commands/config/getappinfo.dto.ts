import { ArrayMaxSize, IsArray, IsIn, IsOptional } from 'class-validator';

import { AppInfoFields } from './app-info.mapper';

/**
 * `openconfigsvr/getappinfo` (docs/rest-api.md §9.3): `RequestField`, the statistics wanted (all
 * when absent or empty); a name that is not one of them is refused rather than ignored.
 */
export class GetAppInfoDto {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(AppInfoFields.length)
  @IsIn(AppInfoFields, { each: true })
  RequestField?: string[];
}
