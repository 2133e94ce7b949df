import { IsOptional } from 'class-validator';

import { NoNul, Utf8Bytes } from '../common';
import { GroupIdRequest } from './group-id.request';
import { GroupLimits } from './group.limits';

/** A user applies to join (GRP-48); the App admin may apply for a user with `operatorId`. */
export class ApplyJoinRequest extends GroupIdRequest {
  @IsOptional()
  @Utf8Bytes(0, GroupLimits.applyMessageMaxBytes)
  @NoNul()
  message?: string;
}
