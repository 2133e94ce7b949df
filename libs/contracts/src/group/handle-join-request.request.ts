import { IsBoolean, IsOptional, IsString } from 'class-validator';

import { Utf8Bytes } from '../common';
import { GroupIdRequest } from './group-id.request';
import { GroupLimits } from './group.limits';

/** Owner, admins or the App admin approve or reject a pending application (GRP-48). */
export class HandleJoinRequestRequest extends GroupIdRequest {
  @IsString()
  applicantId!: string;

  @IsBoolean()
  approve!: boolean;

  @IsOptional()
  @Utf8Bytes(0, GroupLimits.reasonMaxBytes)
  reason?: string;
}
