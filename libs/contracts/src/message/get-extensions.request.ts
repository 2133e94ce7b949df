import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';

import { IsUserId } from '../common';

/** The key/values of one message with `seq` ≥ `startSeq` (get_key_values, group_get_key_values). */
export class GetExtensionsRequest {
  @IsString()
  @MaxLength(200)
  convId!: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  seq?: number;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  msgKey?: string;

  @IsOptional()
  @IsUserId()
  from?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  startSeq?: number;
}
