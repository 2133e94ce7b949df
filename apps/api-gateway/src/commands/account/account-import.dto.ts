import { IsIn, IsOptional } from 'class-validator';

import { AccountLimits, AccountTypes, IsUserId, Utf8Bytes } from '@im/contracts';

/** `im_open_login_svc/account_import` (docs/rest-api.md §3.1); `Identifier` is an alias of `UserID`. */
export class AccountImportDto {
  @IsUserId()
  UserID!: string;

  @IsOptional()
  @Utf8Bytes(0, AccountLimits.nickMaxBytes)
  Nick?: string;

  @IsOptional()
  @Utf8Bytes(0, AccountLimits.faceUrlMaxBytes)
  FaceUrl?: string;

  @IsOptional()
  @IsIn(AccountTypes)
  Type?: 0 | 1;
}
