import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  ValidateNested,
} from 'class-validator';

import { GroupCounterLimits } from '@im/contracts';

/** One `GroupCounter` item: `Key` and an integer `Value` as Tencent spells them. */
export class GroupCounterItemDto {
  @IsString()
  Key!: string;

  @IsInt()
  Value!: number;
}

/** Tencent's `Mode` values of update_group_counter. */
export const GroupCounterModeNames = ['Set', 'Increase', 'Decrease'] as const;

/** update_group_counter. The limits (20 keys, 128-byte keys) are the group service's (10004). */
export class UpdateGroupCounterDto {
  @IsString()
  GroupId!: string;

  @ValidateNested({ each: true })
  @Type(() => GroupCounterItemDto)
  @ArrayMaxSize(GroupCounterLimits.requestMaxItems)
  @IsArray()
  @IsDefined()
  GroupCounter!: GroupCounterItemDto[];

  @IsIn(GroupCounterModeNames)
  Mode!: (typeof GroupCounterModeNames)[number];
}

/** get_group_counter (`GroupCounterKeys` optional: all counters). */
export class GetGroupCounterDto {
  @IsString()
  GroupId!: string;

  @IsOptional()
  @IsString({ each: true })
  @ArrayMaxSize(GroupCounterLimits.requestMaxItems)
  @IsArray()
  GroupCounterKeys?: string[];
}

/** delete_group_counter (`GroupCounterKeys` required). */
export class DeleteGroupCounterDto {
  @IsString()
  GroupId!: string;

  @IsString({ each: true })
  @ArrayMaxSize(GroupCounterLimits.requestMaxItems)
  @IsArray()
  @IsDefined()
  GroupCounterKeys!: string[];
}
