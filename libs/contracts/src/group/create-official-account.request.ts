import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

import { IsUserId, NoNul, Utf8Bytes } from '../common';
import { OfficialAccountLimits as L } from './official-account.limits';

/** `create_official_account`: the ID is generated when not given. */
export class CreateOfficialAccountRequest {
  @IsOptional()
  @IsString()
  @NoNul()
  officialAccountId?: string;

  @IsUserId()
  ownerAccount!: string;

  @Utf8Bytes(1, L.nameMaxBytes)
  name!: string;

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
