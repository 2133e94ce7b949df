import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional } from 'class-validator';

import { IsUserId, Utf8Bytes } from '../common';
import { AccountLimits } from './account.limits';
import { OperatorCallRequest } from './operator-call.request';

/** The console creates an app: SDKAppID and key are generated. */
export class OperatorCreateAppRequest extends OperatorCallRequest {
  @Utf8Bytes(1, AccountLimits.appNameMaxBytes)
  name!: string;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(AccountLimits.adminIdentifiersMax)
  @IsUserId({ each: true })
  adminIdentifiers?: string[];
}
