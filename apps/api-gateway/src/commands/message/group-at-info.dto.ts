import { IsIn, IsInt, IsOptional } from 'class-validator';

import { IsUserId } from '@im/contracts';

/** One `GroupAtInfo` item of send_group_msg: `GroupAtAllFlag` 1 = @all, else `GroupAt_Account`. */
export class GroupAtInfoDto {
  @IsOptional()
  @IsIn([0, 1])
  @IsInt()
  GroupAtAllFlag?: 0 | 1;

  @IsOptional()
  @IsUserId()
  GroupAt_Account?: string;
}
