import { IsBoolean, IsOptional } from 'class-validator';

import { IsUserId } from '../common';

/** One @-mention of a group message (`GroupAtInfo`: `GroupAtAllFlag`, `GroupAt_Account`). */
export class GroupAtInfo {
  /** True = @all (no user). */
  @IsBoolean()
  atAll!: boolean;

  @IsOptional()
  @IsUserId()
  userId?: string;
}
