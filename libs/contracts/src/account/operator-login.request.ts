import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

import { Utf8Bytes } from '../common';
import { OperatorLimits, OperatorUsernamePattern } from './operator.limits';

/** An operator logs in to the console with name and password. */
export class OperatorLoginRequest {
  @Matches(OperatorUsernamePattern)
  username!: string;

  @IsString()
  @MaxLength(OperatorLimits.passwordMaxBytes)
  password!: string;

  @IsOptional()
  @Utf8Bytes(1, OperatorLimits.clientIpMaxBytes)
  clientIp?: string;
}
