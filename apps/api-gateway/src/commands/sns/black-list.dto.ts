import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsString, Min } from 'class-validator';

import { RelationLimits } from '@im/contracts';

/** `sns/black_list_add` and `sns/black_list_delete` (docs/rest-api.md §6.9). */
export class BlackListUsersDto {
  @IsString()
  From_Account!: string;

  @ArrayMinSize(1)
  @ArrayMaxSize(RelationLimits.batchMax)
  @IsString({ each: true })
  @IsArray()
  To_Account!: string[];
}

/** `sns/black_list_get`: MaxLimited is capped at 1000 per page. */
export class BlackListGetDto {
  @IsString()
  From_Account!: string;

  @Min(0)
  @IsInt()
  StartIndex!: number;

  @Min(1)
  @IsInt()
  MaxLimited!: number;

  @Min(0)
  @IsInt()
  LastSequence!: number;
}
