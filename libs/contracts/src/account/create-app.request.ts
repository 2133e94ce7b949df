import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsObject,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

import { IsUserId, Utf8Bytes } from '../common';
import { AccountLimits } from './account.limits';
import { AppSettings } from './app-settings';

/** Operator request: create an app. Omitted fields are generated. */
export class CreateAppRequest {
  /** A fixed SDKAppID (for imports and the demo app); allocated when absent. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(0xffffffff)
  sdkAppId?: number;

  @Utf8Bytes(1, AccountLimits.appNameMaxBytes)
  name!: string;

  /** Defaults to `["administrator"]`. */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(AccountLimits.adminIdentifiersMax)
  @IsUserId({ each: true })
  adminIdentifiers?: string[];

  /** A given secret key (64 hex characters); generated when absent. */
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/)
  secretKey?: string;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AppSettings)
  settings?: AppSettings;
}
