import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

import { NoNul, Utf8Bytes } from '../common';
import { OfficialAccountLimits as L } from './official-account.limits';

/** `modify_official_account_base_info`: only the given fields change. */
export class ModifyOfficialAccountRequest {
  @IsString()
  @NoNul()
  officialAccountId!: string;

  @IsOptional()
  @Utf8Bytes(1, L.nameMaxBytes)
  name?: string;

  @IsOptional()
  @Utf8Bytes(0, L.introductionMaxBytes)
  introduction?: string;

  @IsOptional()
  @Utf8Bytes(0, L.faceUrlMaxBytes)
  faceUrl?: string;

  @IsOptional()
  @Utf8Bytes(0, L.organizationMaxBytes)
  organization?: string;

  @IsOptional()
  @Utf8Bytes(0, L.customStringMaxBytes)
  customString?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(L.maxSubscriberNum)
  maxSubscriberNum?: number;
}
