import { IsOptional } from 'class-validator';

import { IsUserId, Utf8Bytes } from '../common';
import { AccountLimits } from './account.limits';

/** `openim_robot_http_svc/create_robot`: a robot account (`@RBT#...`) with optional profile. */
export class CreateRobotRequest {
  @IsUserId()
  userId!: string;

  @IsOptional()
  @Utf8Bytes(0, AccountLimits.nickMaxBytes)
  nick?: string;

  @IsOptional()
  @Utf8Bytes(0, AccountLimits.faceUrlMaxBytes)
  faceUrl?: string;

  @IsOptional()
  @Utf8Bytes(0, AccountLimits.robotSelfSignatureMaxBytes)
  selfSignature?: string;
}
