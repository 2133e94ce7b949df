import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  ValidateNested,
} from 'class-validator';

import { IsUserId, Utf8Bytes } from '../common';
import { AccountLimits } from './account.limits';
import { AppIdRequest } from './app-id.request';
import { AppSettings, AppStatuses } from './app-settings';
import type { AppStatus } from './app-settings';

/** Operator request: change an app. Settings are merged key by key. */
export class UpdateAppRequest extends AppIdRequest {
  @IsOptional()
  @Utf8Bytes(1, AccountLimits.appNameMaxBytes)
  name?: string;

  @IsOptional()
  @IsIn(AppStatuses)
  status?: AppStatus;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(AccountLimits.adminIdentifiersMax)
  @IsUserId({ each: true })
  adminIdentifiers?: string[];

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AppSettings)
  settings?: AppSettings;
}
