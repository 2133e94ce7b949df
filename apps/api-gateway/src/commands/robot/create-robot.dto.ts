import { IsOptional } from 'class-validator';

import { AccountLimits, IsUserId, Utf8Bytes } from '@im/contracts';

/** `openim_robot_http_svc/create_robot` (docs/rest-api.md §9.8). */
export class CreateRobotDto {
  @IsUserId()
  UserID!: string;

  @IsOptional()
  @Utf8Bytes(0, AccountLimits.nickMaxBytes)
  Nick?: string;

  @IsOptional()
  @Utf8Bytes(0, AccountLimits.faceUrlMaxBytes)
  FaceUrl?: string;

  @IsOptional()
  @Utf8Bytes(0, AccountLimits.robotSelfSignatureMaxBytes)
  SelfSignature?: string;
}
