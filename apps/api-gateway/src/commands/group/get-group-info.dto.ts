import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  ValidateNested,
} from 'class-validator';

import { GroupLimits } from '@im/contracts';

import { GroupInfoFilterDto } from './response-filter.dto';

/** `get_group_info` (docs/rest-api.md §7.3): up to 50 groups. */
export class GetGroupInfoDto {
  @ArrayMinSize(1)
  @ArrayMaxSize(GroupLimits.getInfoMaxGroups)
  @IsString({ each: true })
  @IsArray()
  GroupIdList!: string[];

  @IsOptional()
  @ValidateNested()
  @Type(() => GroupInfoFilterDto)
  ResponseFilter?: GroupInfoFilterDto;

  @IsOptional()
  @IsString()
  From_Account?: string;
}
