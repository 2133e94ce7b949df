import { IsInt, IsOptional, Max, Min } from 'class-validator';

import { GroupFieldsDto } from './create-group.dto';

/** `import_group` (docs/rest-api.md §7.18): create_group's fields without `MemberList`, plus `CreateTime`. */
export class ImportGroupDto extends GroupFieldsDto {
  @IsOptional()
  @Min(0)
  @Max(0xffffffff)
  @IsInt()
  CreateTime?: number;
}
