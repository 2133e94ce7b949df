import { IsIn, IsOptional } from 'class-validator';

import { IsUserId, Utf8Bytes } from '../common';
import { AccountLimits, AccountTypes } from './account.limits';
import type { AccountType } from './account.limits';

export class ImportAccountRequest {
  @IsUserId()
  userId!: string;

  @IsOptional()
  @Utf8Bytes(0, AccountLimits.nickMaxBytes)
  nick?: string;

  @IsOptional()
  @Utf8Bytes(0, AccountLimits.faceUrlMaxBytes)
  faceUrl?: string;

  @IsOptional()
  @IsIn(AccountTypes)
  type?: AccountType;

  /** Only create_robot sets it; the profile service stores it as the SelfSignature. */
  @IsOptional()
  @Utf8Bytes(0, AccountLimits.robotSelfSignatureMaxBytes)
  selfSignature?: string;
}
