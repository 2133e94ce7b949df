import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsString, ValidateNested } from 'class-validator';

import { GroupAttrLimits } from '@im/contracts';

/**
 * One `GroupAttr` item: lower-case `key` and `value` as Tencent spells them. The limits (16
 * keys, 32-byte key, 4,000-byte value, 16 KB) are the group service's, with their own codes.
 */
export class GroupAttrItemDto {
  @IsString()
  key!: string;

  @IsString()
  value!: string;
}

/** `{ "key": ... }` of delete_group_attr. */
export class GroupAttrKeyDto {
  @IsString()
  key!: string;
}

/** get_group_attr, clear_group_attr: `GroupId` only. */
export class GroupAttrGroupDto {
  @IsString()
  GroupId!: string;
}

/** set_group_attr (replace all), modify_group_attr (upsert these keys). */
export class GroupAttrWriteDto extends GroupAttrGroupDto {
  @ValidateNested({ each: true })
  @Type(() => GroupAttrItemDto)
  @ArrayMaxSize(GroupAttrLimits.requestMaxItems)
  @IsArray()
  @IsDefined()
  GroupAttr!: GroupAttrItemDto[];
}

/** delete_group_attr (remove these keys; 10050 for a key the group does not have). */
export class GroupAttrDeleteDto extends GroupAttrGroupDto {
  @ValidateNested({ each: true })
  @Type(() => GroupAttrKeyDto)
  @ArrayMaxSize(GroupAttrLimits.requestMaxItems)
  @IsArray()
  @IsDefined()
  GroupAttr!: GroupAttrKeyDto[];
}
