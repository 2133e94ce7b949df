import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString } from 'class-validator';

import { RelationLimits } from '@im/contracts';

/** Both spellings of the one-way check are accepted (AMB-32). */
export const FRIEND_CHECK_TYPES = {
  CheckResult_Type_Single: 'single',
  CheckResult_Type_Singal: 'single',
  CheckResult_Type_Both: 'both',
} as const;

export const BLACK_CHECK_TYPES = {
  BlackCheckResult_Type_Single: 'single',
  BlackCheckResult_Type_Singal: 'single',
  BlackCheckResult_Type_Both: 'both',
} as const;

/** `sns/friend_check` (docs/rest-api.md §6.6). */
export class FriendCheckDto {
  @IsString()
  From_Account!: string;

  @ArrayMinSize(1)
  @ArrayMaxSize(RelationLimits.batchMax)
  @IsString({ each: true })
  @IsArray()
  To_Account!: string[];

  @IsIn(Object.keys(FRIEND_CHECK_TYPES))
  CheckType!: keyof typeof FRIEND_CHECK_TYPES;
}

/** `sns/black_list_check` (docs/rest-api.md §6.9). */
export class BlackListCheckDto {
  @IsString()
  From_Account!: string;

  @ArrayMinSize(1)
  @ArrayMaxSize(RelationLimits.batchMax)
  @IsString({ each: true })
  @IsArray()
  To_Account!: string[];

  @IsIn(Object.keys(BLACK_CHECK_TYPES))
  CheckType!: keyof typeof BLACK_CHECK_TYPES;
}
